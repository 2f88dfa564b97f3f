"""Evidence images: the checks an editor meets, and what the build writes and the page shows.

Every image here is drawn by Pillow in the test's own folder: no real screenshot is kept.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from fixture_sites import TODAY, MakeProject
from PIL import Image

from generator.content import images
from generator.site.build import build_site, check

CLAIM = "content/claims/dogecoin-doge.yaml"
IMAGE_ENTRY = """images:
  - file: {file}
    alt:
      ar: لقطة شاشة للمنشور
      en: A screenshot of the post
    caption:
      ar: المنشور كما ظهر
      en: The post as it appeared
    credit:
      ar: لقطة شاشة من إكس
      en: Screenshot from X
"""


def draw(path: Path, size: tuple[int, int], fmt: str = "PNG", mode: str = "RGB") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new(mode, size, (200, 30, 30)).save(path, fmt)
    return path


def with_image(project: Path, file: str) -> Path:
    claim = project / CLAIM
    claim.write_text(
        claim.read_text(encoding="utf-8") + IMAGE_ENTRY.format(file=file), encoding="utf-8"
    )
    return project


def lines(project: Path) -> list[str]:
    _, diagnostics = check(project, today=TODAY)
    return [d.format() for d in diagnostics]


@pytest.mark.parametrize(("name", "fmt"), [("a.png", "PNG"), ("b.jpg", "JPEG"), ("c.webp", "WEBP")])
def test_a_small_image_of_each_format_is_accepted(tmp_path: Path, name: str, fmt: str) -> None:
    assert images.image_problem(draw(tmp_path / name, (40, 30), fmt)) is None


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    problem = images.image_problem(tmp_path / "gone.png")
    assert problem == (
        "content/images/gone.png does not exist; save the image there (names are case-sensitive)"
    )


def test_a_file_that_is_not_an_image_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "fake.png"
    fake.write_bytes(b"<html>not a picture</html>")
    assert images.image_problem(fake) == (
        "content/images/fake.png is not an image that can be read (PNG, JPEG or WebP)"
    )


def test_a_truncated_image_is_refused(tmp_path: Path) -> None:
    path = draw(tmp_path / "cut.png", (300, 300))
    Image.effect_noise((300, 300), 80).convert("RGB").save(path, "PNG")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    problem = images.image_problem(path)
    assert problem is not None and "cut.png" in problem and "cannot be read" in problem


def test_an_image_of_another_format_is_refused(tmp_path: Path) -> None:
    path = draw(tmp_path / "old.png", (10, 10), "GIF", mode="P")
    assert (
        images.image_problem(path) == "content/images/old.png is a GIF image; use PNG, JPEG or WebP"
    )


def test_too_many_pixels_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(images, "MAX_SIDE", 50)
    path = draw(tmp_path / "wide.png", (51, 10))
    assert images.image_problem(path) == (
        "content/images/wide.png is 51×10 pixels; the limit is 50 pixels a side "
        "(crop or scale it down)"
    )
    assert images.image_problem(draw(tmp_path / "fits.png", (50, 50))) is None


def test_too_many_bytes_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = draw(tmp_path / "heavy.png", (64, 64))
    monkeypatch.setattr(images, "MAX_BYTES", path.stat().st_size - 1)
    problem = images.image_problem(path)
    assert problem is not None and problem.startswith("content/images/heavy.png is ")
    assert "MB; the limit is" in problem


def test_a_symbolic_link_is_refused(tmp_path: Path) -> None:
    real = draw(tmp_path / "real.png", (10, 10))
    link = tmp_path / "link.png"
    link.symlink_to(real)
    assert images.image_problem(link) == (
        "content/images/link.png is a symbolic link; put the image file itself there"
    )


def test_check_points_at_the_image_line(make_project: MakeProject) -> None:
    project = with_image(make_project(), "too-big.png")
    draw(project / "content/images/too-big.png", (images.MAX_SIDE + 1, 2))
    found = lines(project)
    assert found == [
        f"{CLAIM}:42:11: error: images[1].file: content/images/too-big.png is "
        f"{images.MAX_SIDE + 1}×2 pixels; the limit is {images.MAX_SIDE} pixels a side "
        "(crop or scale it down)"
    ]


def test_an_image_folder_is_not_an_unknown_entry(make_project: MakeProject) -> None:
    project = make_project()
    draw(project / "content/images/unused.png", (4, 4))
    assert lines(project) == []


def test_a_wide_image_is_scaled_to_the_column(tmp_path: Path) -> None:
    draw(tmp_path / "content/images/wide.png", (2400, 900))
    plan = images.plan_image(tmp_path / "content", "wide.png")
    assert (plan.width, plan.height) == (images.MAX_WIDTH, 450)
    assert plan.name.startswith("images/wide-") and plan.name.endswith(".webp")
    written = images.write_image(plan, tmp_path / "site")
    with Image.open(written) as image:
        assert image.format == "WEBP"
        assert image.size == (plan.width, plan.height)


def test_a_small_image_keeps_its_size(tmp_path: Path) -> None:
    draw(tmp_path / "content/images/small.jpg", (320, 200), "JPEG")
    plan = images.plan_image(tmp_path / "content", "small.jpg")
    assert (plan.width, plan.height) == (320, 200)


def test_the_output_name_changes_with_the_picture(tmp_path: Path) -> None:
    content = tmp_path / "content"
    draw(content / "images/post.png", (20, 20))
    first = images.plan_image(content, "post.png").name
    Image.new("RGB", (20, 20), (0, 0, 255)).save(content / "images/post.png")
    assert images.plan_image(content, "post.png").name != first


def test_the_page_shows_the_image_sized_lazy_and_described(
    make_project: MakeProject, tmp_path: Path
) -> None:
    project = with_image(make_project(engine=True), "post.png")
    draw(project / "content/images/post.png", (1600, 1000))
    site = tmp_path / "site"
    build_site(project, site, parallel=False)
    written = sorted((site / "images").iterdir())
    assert [p.suffix for p in written] == [".webp"]
    alt = {"ar": "لقطة شاشة للمنشور", "en": "A screenshot of the post"}
    for lang, root in (("ar", site), ("en", site / "en")):
        page = root / "claims" / "dogecoin-doge" / "index.html"
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        figure = soup.select_one("figure.bayyin-figure")
        assert figure is not None, lang
        img = figure.find("img")
        assert img is not None
        assert (img["width"], img["height"]) == ("1200", "750")
        assert img["loading"] == "lazy" and img["decoding"] == "async"
        assert img["alt"] == alt[lang]
        # The src is relative and reaches the one written file from either language.
        assert (page.parent / str(img["src"])).resolve() == written[0].resolve()
        caption = figure.find("figcaption")
        assert caption is not None
        assert ("Screenshot from X" if lang == "en" else "لقطة شاشة من إكس") in caption.text


def test_a_turned_photo_is_shown_upright(tmp_path: Path) -> None:
    # A phone photo stored sideways with EXIF orientation 6 (turn a quarter clockwise).
    path = tmp_path / "content/images/photo.jpg"
    path.parent.mkdir(parents=True)
    exif = Image.Exif()
    exif[0x0112] = 6
    Image.new("RGB", (300, 100), (10, 120, 10)).save(path, "JPEG", exif=exif)
    plan = images.plan_image(tmp_path / "content", "photo.jpg")
    assert (plan.width, plan.height) == (100, 300)
    with Image.open(images.write_image(plan, tmp_path / "site")) as image:
        assert image.size == (100, 300)


def test_a_caption_cannot_cite_or_link_anywhere(make_project: MakeProject) -> None:
    project = with_image(make_project(), "post.png")
    draw(project / "content/images/post.png", (10, 10))
    claim = project / CLAIM
    claim.write_text(
        claim.read_text(encoding="utf-8").replace(
            "en: The post as it appeared",
            "en: The post [@govinfo-eo-14158] [x](javascript:alert(1))",
        ),
        encoding="utf-8",
    )
    found = lines(project)
    assert len(found) == 2, found
    assert found[0].endswith(
        "error: images[1].caption.en: citation [@govinfo-eo-14158] is not allowed here"
    )
    assert "images[1].caption.en: link 'javascript:alert(1)'" in found[1]
