"""`make bench`: time `check` and `build` on synthetic archives against plain Material.

For each N, a temporary project is made from the real content: N claims copied from the real
ones under new ids (same size and structure, both languages), with the real sources, people,
ratings, pages and story. The same N pages are also written as plain Markdown (the same text: claim, verdict,
sections and source list) and
built with MkDocs + Material alone, both languages in parallel like Bayyin does: that build is
the floor for anything built on MkDocs. Every figure is the median of --runs runs; the ratio
measured in one run is the figure to trust on a noisy machine, not the seconds.

Usage: python benchmarks/bench.py [--sizes 250 1000 4000] [--runs 3] [--json PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

# Runs a command and prints its wall time and the peak RSS of its process tree (KiB).
_MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[2:], cwd=sys.argv[1], stdout=subprocess.DEVNULL).returncode
wall = time.perf_counter() - start
print(wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)
"""


def measure(cwd: Path, *command: str, env: dict[str, str] | None = None) -> tuple[float, int]:
    """Wall seconds and peak RSS (MiB) of one run of `command`."""
    done = subprocess.run(
        [PYTHON, "-c", _MEASURE, str(cwd), *command],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    wall, rss, code = done.stdout.split()
    if code != "0":
        raise SystemExit(f"{' '.join(command)} failed in {cwd} (exit {code}):\n{done.stderr}")
    return float(wall), int(rss) // 1024


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def make_project(n: int, where: Path) -> Path:
    """A Bayyin project with n synthetic claims copied from the real ones."""
    project = where / f"bayyin-{n}"
    content = project / "content"
    shutil.copytree(ROOT / "theme", project / "theme")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    content.mkdir()
    for name in ("site.yaml", "ratings.yaml", "topics.yaml"):
        shutil.copy(ROOT / "content" / name, content / name)
    for folder in ("sources", "people", "pages"):
        shutil.copytree(ROOT / "content" / folder, content / folder)
    originals = sorted((ROOT / "content" / "claims").glob("*.yaml"))
    (content / "claims").mkdir()
    ids: list[str] = []
    for index in range(n):
        data = _load(originals[index % len(originals)])
        new_id = f"{data['id']}-{index:05d}"
        ids.append(new_id)
        data["id"] = new_id
        data["related"] = []
        (content / "claims" / f"{new_id}.yaml").write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    (content / "stories").mkdir()
    for story_file in (ROOT / "content" / "stories").glob("*.yaml"):
        story = _load(story_file)
        story["claims"] = ids[: len(story["claims"])]
        (content / "stories" / story_file.name).write_text(
            yaml.safe_dump(story, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    return project


def _markdown(claim: dict, lang: str, sources: dict[str, dict]) -> str:
    """The text a claim page shows, as plain Markdown: the title, the claim and its original
    words, who said it and where, the verdict, the sections, and the numbered source list with
    what each source is, its publisher, address and quoted words."""
    lines = [f"# {claim['title'][lang]}", "", f"> {claim['claim'][lang]}", ""]
    if claim.get("original"):
        lines += [f"> {claim['original']['text']}", ""]
    lines += [
        f"- {claim['claimant']}",
        f"- {claim['appearance']['medium'][lang]}",
        f"- {claim['rating']}",
        "",
        "## Verdict",
        "",
        claim["summary"][lang],
        "",
    ]
    for section in claim["context"]:
        lines += [f"## {section['heading'][lang]}", "", section["body"][lang], ""]
    lines += ["## Sources", ""]
    for number, source_id in enumerate(claim["sources"], start=1):
        source = sources[source_id]
        lines.append(
            f"{number}. [{source['publisher']}]({source['url']}) {source['about'][lang]} "
            f"<{source['url']}>"
        )
        if source.get("quote"):
            lines += ["", f"    > {source['quote']}", ""]
    return "\n".join(lines) + "\n"


def make_plain(n: int, project: Path, where: Path) -> Path:
    """The same pages as plain Markdown, with a plain MkDocs + Material config per language."""
    plain = where / f"plain-{n}"
    claims = sorted((project / "content" / "claims").glob("*.yaml"))
    sources = {file.stem: _load(file) for file in (project / "content" / "sources").glob("*.yaml")}
    for lang in ("ar", "en"):
        docs = plain / lang / "docs"
        (docs / "claims").mkdir(parents=True)
        (docs / "index.md").write_text("# Home\n", encoding="utf-8")
        for file in claims:
            claim = _load(file)
            (docs / "claims" / f"{claim['id']}.md").write_text(
                _markdown(claim, lang, sources), encoding="utf-8"
            )
        config = {
            "site_name": "Plain",
            "site_url": "https://example.org/",
            "theme": {"name": "material", "language": lang, "font": False},
            "plugins": [{"search": {"lang": [lang]}}],
            "nav": [{"Home": "index.md"}],
            "not_in_nav": "/claims/*.md",
        }
        (plain / lang / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return plain


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def measure_preview(project: Path, runs: int, env: dict[str, str]) -> float:
    """Median seconds from saving an edited claim file to `make serve` serving the edit.

    Edits the English title of one claim (the last in the archive), then polls the English
    claim page every 20 ms until the new title is there: what an editor waits for, the
    preview's own polling for changes included.
    """
    port = _free_port()
    server = subprocess.Popen(
        [PYTHON, "-m", "generator", "serve", "--port", str(port)],
        cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    claim = sorted((project / "content" / "claims").glob("*.yaml"))[-1]
    page = f"http://127.0.0.1:{port}/en/claims/{claim.stem}/"
    original = claim.read_text(encoding="utf-8")
    samples: list[float] = []
    try:
        deadline = time.monotonic() + 600
        while "<html" not in _fetch(page):
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"the preview server did not start in {project}")
            time.sleep(0.2)
        title = yaml.safe_load(original)["title"]["en"]
        for run in range(runs):
            marker = f"Edited title {run} {time.time_ns()}"
            started = time.perf_counter()
            claim.write_text(original.replace(title, marker, 1), encoding="utf-8")
            while marker not in _fetch(page):
                if time.perf_counter() - started > 120:
                    raise SystemExit("the preview did not show the edit within 120 s")
                time.sleep(0.02)
            samples.append(time.perf_counter() - started)
            time.sleep(1.5)  # let the server settle before the next edit
    finally:
        server.terminate()
        server.wait(timeout=30)
        claim.write_text(original, encoding="utf-8")
    return statistics.median(samples)


def run_size(n: int, runs: int, where: Path) -> dict[str, float | int]:
    project = make_project(n, where)
    plain = make_plain(n, project, where)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": "1700000000"}
    mkdocs = str(Path(PYTHON).with_name("mkdocs"))
    plain_script = (
        "import subprocess, sys; "
        f"ps = [subprocess.Popen([{mkdocs!r}, 'build', '-q', '-f', f'{{l}}/mkdocs.yml']) "
        "for l in ('ar', 'en')]; "
        "sys.exit(max(p.wait() for p in ps))"
    )
    results: dict[str, list[tuple[float, int]]] = {"check": [], "build": [], "plain": []}
    for _ in range(runs):
        results["check"].append(measure(project, PYTHON, "-m", "generator", "check", env=env))
        results["build"].append(measure(project, PYTHON, "-m", "generator", "build", env=env))
        results["plain"].append(measure(plain, PYTHON, "-c", plain_script, env=env))
    row: dict[str, float | int] = {"claims": n}
    for name, samples in results.items():
        row[f"{name}_s"] = round(statistics.median(s[0] for s in samples), 3)
        row[f"{name}_mib"] = max(s[1] for s in samples)
    row["build_ms_per_claim"] = round(1000 * float(row["build_s"]) / n, 2)
    row["check_ms_per_claim"] = round(1000 * float(row["check_s"]) / n, 2)
    # Ratios of the same run: the figures that survive a noisy machine.
    row["build_vs_plain"] = round(
        statistics.median(b[0] / p[0] for b, p in zip(results["build"], results["plain"])), 3
    )
    return row


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 1000, 4000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--json", type=Path, default=ROOT / "benchmarks" / "results" / "latest.json"
    )
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="bayyin-bench-") as tmp:
        for n in args.sizes:
            started = time.perf_counter()
            rows.append(run_size(n, args.runs, Path(tmp)))
            print(f"N={n} measured in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    header = (
        "| claims | check s | check ms/claim | check MiB | build s | build ms/claim | "
        "build MiB | plain Material s | plain MiB | build / plain |"
    )
    print(header)
    print("|" + "---|" * 10)
    for r in rows:
        print(
            f"| {r['claims']} | {r['check_s']} | {r['check_ms_per_claim']} | {r['check_mib']} | "
            f"{r['build_s']} | {r['build_ms_per_claim']} | {r['build_mib']} | {r['plain_s']} | "
            f"{r['plain_mib']} | {r['build_vs_plain']} |"
        )
    machine = {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "runs": args.runs,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"machine": machine, "rows": rows}, indent=2) + "\n")
    print(f"wrote {args.json}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
