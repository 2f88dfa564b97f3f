"""`make bench`: time `check`, `build` and the preview on synthetic archives, against plain
MkDocs + Material building the same pages.

For each N, a temporary project is made from the real content: N claims copied from the real
ones under new ids (same size and structure, both languages), with the real sources, people,
ratings, pages and story. The same N pages are also written as plain Markdown and built by
MkDocs + Material alone, both languages in parallel like Bayyin does, claims out of the nav:
the floor for anything built on MkDocs. Two floors: with the page's whole text (the claim,
verdict, sections and the source list with each source's description and quote: the same
size as a claim page) and with the article text only (the source list reduced to addresses).
`check` alone is also timed at 5000 claims.

Every figure is the median of --runs runs, builds and plain builds alternating; the ratios
of builds made moments apart are the figures to trust on a noisy machine, not the seconds.
The preview figure is the time from saving an edited claim to `make serve` serving it.

Usage: python benchmarks/bench.py [--sizes 250 1000 4000] [--check-sizes 5000] [--runs 3]
                                  [--json PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
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
# Typical searches, one and two words per language: the large archive reports the most that
# one of them downloads.
# The large archive's `claim_cards` (content/site.yaml): its newest 2,000 claims have cards.
LARGE_CLAIM_CARDS = 2000
TYPICAL_QUERIES = (("ar", "ماسك"), ("ar", "ترامب إبستين"), ("en", "Musk"), ("en", "Trump Epstein"))

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


# Words that carry Markdown syntax (links, citations, emphasis) keep their place.
_SYNTAX = set("[]()@*`_<>")


def _shuffled(text: str, rng: random.Random) -> str:
    """`text` with its plain words in another order: the same words, a different text."""
    words = text.split(" ")
    free = [i for i, w in enumerate(words) if w and not _SYNTAX & set(w)]
    moved = [words[i] for i in free]
    rng.shuffle(moved)
    for i, word in zip(free, moved, strict=True):
        words[i] = word
    return " ".join(words)


def _distinct(data: dict, index: int) -> None:
    """Give copy `index` of a claim prose of its own (title, summary, context), so that
    gzip, card images and search are not flattered by repetition."""
    rng = random.Random(index)
    texts = [data["title"], data["summary"], *(section["body"] for section in data["context"])]
    for text in texts:
        for lang in ("ar", "en"):
            text[lang] = _shuffled(text[lang], rng)


def make_project(n: int, where: Path, *, distinct: bool = False) -> Path:
    """A Bayyin project with n synthetic claims copied from the real ones; with `distinct`,
    each copy's prose is reordered so that no two claims have the same text."""
    project = where / f"bayyin-{n}"
    content = project / "content"
    shutil.copytree(ROOT / "theme", project / "theme")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    content.mkdir()
    for name in ("site.yaml", "ratings.yaml", "topics.yaml", "search.yaml"):
        shutil.copy(ROOT / "content" / name, content / name)
    for folder in ("sources", "people", "pages", "staff"):
        shutil.copytree(ROOT / "content" / folder, content / folder)
    originals = sorted((ROOT / "content" / "claims").glob("*.yaml"))
    (content / "claims").mkdir()
    ids: list[str] = []
    for index in range(n):
        data = _load(originals[index % len(originals)])
        # The first copy of each keeps its id: prose links to claims (`claim:<id>`) resolve.
        new_id = data["id"] if index < len(originals) else f"{data['id']}-{index:05d}"
        ids.append(new_id)
        data["id"] = new_id
        data["related"] = []
        if distinct and index >= len(originals):
            _distinct(data, index)
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


def _markdown(claim: dict, lang: str, sources: dict[str, dict], *, full: bool) -> str:
    """The text a claim page shows, as plain Markdown: the title, the claim and its original
    words, who said it and where, the verdict, the sections, and (`full`) the numbered source
    list with what each source is, its publisher, address and quoted words. Without `full`,
    only the sources' addresses: the article's text alone."""
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
        if not full:
            lines.append(f"{number}. <{source['url']}>")
            continue
        lines.append(
            f"{number}. [{source['publisher']}]({source['url']}) {source['about'][lang]} "
            f"<{source['url']}>"
        )
        if source.get("quote"):
            lines += ["", f"    > {source['quote']}", ""]
    return "\n".join(lines) + "\n"


def make_plain(n: int, project: Path, where: Path, *, full: bool = True) -> Path:
    """The same pages as plain Markdown, with a plain MkDocs + Material config per language
    (`full`: with the source list's text, see `_markdown`)."""
    plain = where / f"plain-{n}" if full else where / f"plain-article-{n}"
    claims = sorted((project / "content" / "claims").glob("*.yaml"))
    sources = {file.stem: _load(file) for file in (project / "content" / "sources").glob("*.yaml")}
    for lang in ("ar", "en"):
        docs = plain / lang / "docs"
        (docs / "claims").mkdir(parents=True)
        (docs / "index.md").write_text("# Home\n", encoding="utf-8")
        for file in claims:
            claim = _load(file)
            (docs / "claims" / f"{claim['id']}.md").write_text(
                _markdown(claim, lang, sources, full=full), encoding="utf-8"
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
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
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


def _plain_script() -> str:
    mkdocs = str(Path(PYTHON).with_name("mkdocs"))
    return (
        "import subprocess, sys; "
        f"ps = [subprocess.Popen([{mkdocs!r}, 'build', '-q', '-f', f'{{l}}/mkdocs.yml']) "
        "for l in ('ar', 'en')]; "
        "sys.exit(max(p.wait() for p in ps))"
    )


def run_size(n: int, runs: int, where: Path, *, build: bool) -> dict[str, float | int]:
    """Measure one archive size: `check`, and with `build` also the build, both plain
    Material floors and the preview. Runs alternate, so each ratio compares builds made
    moments apart on the same machine."""
    project = make_project(n, where)
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "SOURCE_DATE_EPOCH": "1700000000",
        "NO_MKDOCS_2_WARNING": "1",
    }
    results: dict[str, list[tuple[float, int]]] = {"check": []}
    plains: dict[str, Path] = {}
    if build:
        plains = {
            "plain": make_plain(n, project, where, full=True),
            "plain_article": make_plain(n, project, where, full=False),
        }
        results.update({"build": [], "plain": [], "plain_article": []})
    for _ in range(runs):
        results["check"].append(measure(project, PYTHON, "-m", "generator", "check", env=env))
        if not build:
            continue
        results["build"].append(measure(project, PYTHON, "-m", "generator", "build", env=env))
        for name, folder in plains.items():
            results[name].append(measure(folder, PYTHON, "-c", _plain_script(), env=env))
    row: dict[str, float | int] = {"claims": n}
    for name, samples in results.items():
        row[f"{name}_s"] = round(statistics.median(s[0] for s in samples), 3)
        row[f"{name}_mib"] = max(s[1] for s in samples)
        row[f"{name}_ms_per_claim"] = round(1000 * float(row[f"{name}_s"]) / n, 2)
    if build:
        # The first build of a fresh clone: no cached card images or compiled templates.
        row["build_first_s"] = round(results["build"][0][0], 3)
        # Ratios of the same run: the figures that survive a noisy machine.
        for name in plains:
            row[f"build_vs_{name}"] = round(
                statistics.median(
                    b[0] / p[0] for b, p in zip(results["build"], results[name], strict=True)
                ),
                3,
            )
        row["preview_s"] = round(measure_preview(project, runs, env), 3)
    return row


def run_large(n: int, where: Path, per_claim_at_1000: float | None) -> dict[str, float | int]:
    """One build of `n` claims with distinct text: the site as Pages would receive it."""
    sys.path.insert(0, str(ROOT))
    from generator.pages.search_index import query_bytes
    from generator.site.site_size import PAGES_LIMIT
    from generator.site.site_size import measure as measure_site

    project = make_project(n, where, distinct=True)
    # What the build's size warning asks of a site this large (README: beyond GitHub Pages'
    # size limit): share cards of their own for the newest claims only.
    with (project / "content" / "site.yaml").open("a", encoding="utf-8") as site_file:
        site_file.write(f"claim_cards: {LARGE_CLAIM_CARDS}\n")
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "SOURCE_DATE_EPOCH": "1700000000",
        "NO_MKDOCS_2_WARNING": "1",
    }
    first_s, _ = measure(project, PYTHON, "-m", "generator", "build", env=env)
    warm_s, mib = measure(project, PYTHON, "-m", "generator", "build", env=env)
    size = measure_site(project / "site")
    row: dict[str, float | int] = {
        "claims": n,
        "claim_cards": LARGE_CLAIM_CARDS,
        "build_first_s": round(first_s, 1),
        "build_s": round(warm_s, 1),
        "build_ms_per_claim": round(1000 * warm_s / n, 2),
        "build_mib": mib,
        "site_mb": round(size.artifact_bytes / 1e6, 1),
        "site_files": size.files,
        "site_share_of_pages_limit": round(size.artifact_bytes / PAGES_LIMIT, 3),
        "largest_page_kb": round(size.largest_page_bytes / 1000, 1),
        # The most that one of a few typical queries downloads (script, index parts).
        "search_kb_per_query": round(
            max(query_bytes(project / "site", lang, q) for lang, q in TYPICAL_QUERIES) / 1000, 1
        ),
    }
    if per_claim_at_1000:
        row["per_claim_vs_1000"] = round(float(row["build_ms_per_claim"]) / per_claim_at_1000, 2)
    row.update(site_breakdown(project / "site"))
    shutil.rmtree(project)
    return row


def site_breakdown(site: Path) -> dict[str, float | int]:
    """MB of each kind of file as the Pages artifact carries it (see generator/site/site_size.py),
    and the average claim page in KB."""
    kinds: dict[str, int] = {}
    claim_pages = 0
    for file in site.rglob("*"):
        if not file.is_file():
            continue
        path = file.relative_to(site).as_posix().removeprefix("en/")
        parts = path.split("/")
        if file.name == "card.png":
            kind = "cards"
        elif parts[0] == "claims" and len(parts) == 3 and file.name == "index.html":
            kind, claim_pages = "claim_pages", claim_pages + 1
        elif file.name == "index.html" and (len(parts) == 1 or "page" in parts or len(parts) <= 3):
            kind = "other_pages"
        elif file.name.startswith(("claimreview.", "feed.")):
            kind = "feeds"
        elif "search" in path:
            kind = "search"
        else:
            kind = "other"
        blocks = 512 + -(-file.stat().st_size // 512) * 512
        kinds[kind] = kinds.get(kind, 0) + blocks
    row: dict[str, float | int] = {f"{k}_mb": round(v / 1e6, 1) for k, v in sorted(kinds.items())}
    if claim_pages:
        row["claim_page_kb"] = round(kinds["claim_pages"] / claim_pages / 1000, 1)
    return row


def _large_table(rows: list[dict[str, float | int]]) -> str:
    keys = list(rows[0]) if rows else []
    lines = ["| " + " | ".join(keys) + " |", "|" + "---|" * len(keys)]
    lines += ["| " + " | ".join(str(r.get(k, "–")) for k in keys) + " |" for r in rows]
    return "\n".join(lines)


def _table(rows: list[dict[str, float | int]]) -> str:
    def cell(row: dict[str, float | int], key: str) -> str:
        return str(row[key]) if key in row else "–"

    columns = [
        ("claims", "claims"),
        ("check s", "check_s"),
        ("check ms/claim", "check_ms_per_claim"),
        ("check MiB", "check_mib"),
        ("build s", "build_s"),
        ("build ms/claim", "build_ms_per_claim"),
        ("build MiB", "build_mib"),
        ("first build s", "build_first_s"),
        ("plain s (page text)", "plain_s"),
        ("plain s (article text)", "plain_article_s"),
        ("build / plain (page text)", "build_vs_plain"),
        ("build / plain (article text)", "build_vs_plain_article"),
        ("preview s", "preview_s"),
    ]
    lines = [
        "| " + " | ".join(title for title, _ in columns) + " |",
        "|" + "---|" * len(columns),
    ]
    lines += ["| " + " | ".join(cell(r, key) for _, key in columns) + " |" for r in rows]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 1000, 4000])
    parser.add_argument(
        "--check-sizes", type=int, nargs="*", default=[5000], help="sizes measured by check only"
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--large-sizes",
        type=int,
        nargs="*",
        default=[10000],
        help="built twice (cold, warm) with distinct text per claim: site size, largest page",
    )
    parser.add_argument(
        "--json", type=Path, default=ROOT / "benchmarks" / "results" / "latest.json"
    )
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="bayyin-bench-") as tmp:
        for n in [*args.sizes, *args.check_sizes]:
            started = time.perf_counter()
            rows.append(run_size(n, args.runs, Path(tmp), build=n in args.sizes))
            print(f"N={n} measured in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        at_1000 = next(
            (
                float(r["build_ms_per_claim"])
                for r in rows
                if r["claims"] == 1000 and "build_s" in r
            ),
            None,
        )
        large = []
        for n in args.large_sizes:
            started = time.perf_counter()
            large.append(run_large(n, Path(tmp), at_1000))
            print(
                f"N={n} (distinct) measured in {time.perf_counter() - started:.0f} s",
                file=sys.stderr,
            )
    print(_table(rows))
    if large:
        print()
        print(_large_table(large))
    machine = {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "runs": args.runs,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(
        json.dumps({"machine": machine, "rows": rows, "large": large}, indent=2) + "\n"
    )
    print(f"wrote {args.json}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
