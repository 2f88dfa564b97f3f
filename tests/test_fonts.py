"""The site's typeface: one family for Arabic and Latin, shipped as subsets, nothing unused."""

from __future__ import annotations

import re
from pathlib import Path

THEME = Path(__file__).resolve().parent.parent / "theme" / "assets" / "bayyin"
_FACE = re.compile(r"@font-face\s*\{([^}]*)\}")


def _faces() -> list[dict[str, str]]:
    css = (THEME / "bayyin.css").read_text(encoding="utf-8")
    faces = []
    for body in _FACE.findall(css):
        fields = dict(
            (name.strip(), value.strip())
            for name, _, value in (d.partition(":") for d in body.split(";") if ":" in d)
        )
        faces.append(fields)
    return faces


def test_one_family_in_two_weights_for_each_script() -> None:
    faces = _faces()
    assert {f["font-family"] for f in faces} == {'"IBM Plex Sans Arabic"'}
    files = {re.search(r"url\(([^)]+)\)", f["src"]).group(1) for f in faces}  # type: ignore[union-attr]
    assert files == {
        f"fonts/ibm-plex-sans-arabic-{script}-{weight}-normal.woff2"
        for script in ("arabic", "latin")
        for weight in (400, 700)
    }
    for face in faces:
        assert face["font-display"] == "swap"
        assert face["font-weight"] in ("400", "700")
        assert face["unicode-range"].startswith("U+")
    arabic = [f["unicode-range"] for f in faces if "-arabic-arabic-" in f["src"]]
    latin = [f["unicode-range"] for f in faces if "-arabic-latin-" in f["src"]]
    assert all("U+0600" in r for r in arabic) and all("U+0020-007E" in r for r in latin)


def test_every_shipped_font_is_used_and_licensed() -> None:
    folder = THEME / "fonts"
    used = {Path(re.search(r"url\(([^)]+)\)", f["src"]).group(1)).name for f in _faces()}  # type: ignore[union-attr]
    assert {p.name for p in folder.glob("*.woff2")} == used
    assert {p.name for p in folder.glob("*.txt")} == {"OFL-IBMPlexSansArabic.txt"}
    assert "SIL Open Font License" in (folder / "OFL-IBMPlexSansArabic.txt").read_text()
    for name in used:
        assert (folder / name).read_bytes()[:4] == b"wOF2"
