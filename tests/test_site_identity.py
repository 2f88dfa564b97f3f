"""The site's identity comes from content/site.yaml alone, and example values are flagged.

`check` warns about every link on an example domain in content/ and about the example
CODEOWNERS team, located in the file; `check --placeholders=error` (the deploy workflow)
makes them errors. The built site takes its name, logo and footer contact from site.yaml.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from built_pages import LANGUAGES, language_root, parse
from fixture_sites import REPO, MakeProject, edit, run_check

from generator.content.placeholders import placeholder_host
from generator.pages.strings import STRINGS
from generator.site.build import build_site

PLACEHOLDER = (
    "is a placeholder (.example domain, reserved for examples); put your newsroom's own "
    "address here before the site is published"
)


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("mailto:corrections@bayyin.example", "bayyin.example"),
        ("https://news.example/tips", "news.example"),
        ("https://www.example.com/", "www.example.com"),
        ("https://example.org", "example.org"),
        ("mailto:someone@example.net?subject=x", "example.net"),
        ("https://examples.org/", None),
        ("https://example.com.evil.org/", None),
        ("mailto:corrections@bayyin.test", None),
        ("https://www.govinfo.gov/", None),
    ],
)
def test_example_domains_are_placeholders(url: str, host: str | None) -> None:
    assert placeholder_host(url) == host


def test_an_example_contact_and_link_are_located_warnings(make_project: MakeProject) -> None:
    project = make_project()
    edit(project, "content/site.yaml", "bayyin.test", "bayyin.example")
    edit(
        project,
        "content/pages/about.yaml",
        "(mailto:corrections@bayyin.test)",
        "(https://tips.example/form)",
        every=True,
    )
    result = run_check(project)
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        f"content/pages/about.yaml:11:42: warning: body.ar: https://tips.example/form "
        f"{PLACEHOLDER}",
        f"content/pages/about.yaml:17:40: warning: body.en: https://tips.example/form "
        f"{PLACEHOLDER}",
        f"content/site.yaml:11:10: warning: contact: mailto:corrections@bayyin.example "
        f"{PLACEHOLDER}",
    ]
    strict = run_check(project, "--placeholders=error")
    assert strict.returncode == 1
    assert [line.split(": ", 2)[1] for line in strict.stdout.splitlines()] == ["error"] * 3


def test_an_example_domain_in_capitals_is_found_in_any_kind_of_file(
    make_project: MakeProject,
) -> None:
    # The scan skips a file whose texts cannot hold "example": in any case, in any folder.
    project = make_project()
    source = "content/sources/govinfo-eo-14158.yaml"
    url = yaml.safe_load((project / source).read_text(encoding="utf-8"))["url"]
    edit(project, source, f"url: {url}", "url: https://Tips.EXAMPLE/x")
    edit(
        project,
        "content/ratings.yaml",
        "      en: What was said matches",
        "      en: What was said [form](mailto:desk@News.Example.org) matches",
    )
    result = run_check(project)
    assert result.returncode == 0, result.stdout
    found = [line.split(": warning: ")[1] for line in result.stdout.splitlines()]
    assert [text.split(" is a placeholder")[0] for text in found] == [
        "ratings[1].definition.en: mailto:desk@News.Example.org",
        "url: https://Tips.EXAMPLE/x",
    ], result.stdout


def test_the_example_codeowners_team_is_a_warning(make_project: MakeProject) -> None:
    project = make_project()
    owners = project / ".github" / "CODEOWNERS"
    owners.parent.mkdir()
    owners.write_text(
        "# @bayyin/maintainers in a comment is not a rule\n"
        "*           @bayyin/maintainers\n"
        "/theme/     @bayyin/maintainers @someone\n",
        encoding="utf-8",
    )
    result = run_check(project)
    assert (result.returncode, result.stdout) == (
        0,
        ".github/CODEOWNERS:2:13: warning: @bayyin/maintainers is the example site's "
        "maintainers' team (2 line(s)); name your own organization's team (or people) who "
        "must review changes to the generator, theme and workflows\n",
    )
    assert run_check(project, "--placeholders=error").returncode == 1
    owners.write_text("* @newsroom/maintainers\n", encoding="utf-8")
    result = run_check(project, "--placeholders=error")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "content is clean\n")


def test_a_logo_that_is_not_in_the_theme_is_an_error(make_project: MakeProject) -> None:
    project = make_project()
    (project / "theme/assets/bayyin").mkdir(parents=True)
    (project / "theme/assets/bayyin/logo.svg").write_text("<svg/>", encoding="utf-8")
    with (project / "content/site.yaml").open("a", encoding="utf-8") as handle:
        handle.write("logo: assets/bayyin/logo.svg\n")
    assert run_check(project).returncode == 0
    edit(project, "content/site.yaml", "logo.svg", "no-such-logo.svg")
    result = run_check(project)
    assert result.returncode == 1
    assert result.stdout == (
        "content/site.yaml:12:7: error: logo: there is no file "
        "theme/assets/bayyin/no-such-logo.svg\n"
    )


def test_the_deploy_workflow_refuses_placeholders() -> None:
    workflow = yaml.safe_load((REPO / ".github/workflows/deploy.yml").read_text("utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    runs = [str(step.get("run", "")) for step in steps]
    names = [str(step.get("uses", "")) for step in steps]
    refuse = next(i for i, run in enumerate(runs) if "--placeholders=error" in run)
    upload = next(i for i, uses in enumerate(names) if "upload-pages-artifact" in uses)
    assert refuse < upload


# --- the real site ------------------------------------------------------------------------


def site_settings() -> dict[str, object]:
    data = yaml.safe_load((REPO / "content/site.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.mark.parametrize("lang", LANGUAGES)
def test_name_logo_and_contact_come_from_site_yaml(built_site: Path, lang: str) -> None:
    site = site_settings()
    names: dict[str, str] = site["name"]  # type: ignore[assignment]
    name = f"{names['ar']} · {names['en']}"
    mkdocs_name = yaml.safe_load((REPO / "mkdocs.yml").read_text("utf-8"))["site_name"]
    assert mkdocs_name != name  # so the name below can only come from site.yaml
    soup: BeautifulSoup = parse(built_site, language_root(lang))
    title = soup.title.get_text() if soup.title else ""
    assert title.endswith(f" - {name}")
    logo = soup.select_one("a.md-logo img")
    assert logo is not None and str(logo["src"]).endswith(str(site["logo"]))
    contact = soup.select(".md-footer .bayyin-contact a")
    assert [(a["href"], a.get_text(strip=True)) for a in contact] == [
        (site["contact"], str(site["contact"]).removeprefix("mailto:"))
    ]
    label = soup.select_one(".md-footer .bayyin-contact")
    assert label is not None and label.get_text(strip=True).startswith(STRINGS[lang]["contact"])


def test_a_name_with_markup_characters_is_escaped_once(make_project: MakeProject) -> None:
    project = make_project(engine=True)
    edit(project, "content/site.yaml", "  en: Bayyin\n", '  en: Bayyin & "Co"\n')
    build_site(project, project / "site", parallel=False)
    soup = BeautifulSoup((project / "site/en/index.html").read_text("utf-8"), "html.parser")
    name = 'بيّن · Bayyin & "Co"'
    logo = soup.select_one("a.md-header__button.md-logo")
    assert logo is not None and (logo["title"], logo["aria-label"]) == (name, name)
    topic = soup.select_one(".md-header__topic .md-ellipsis")
    assert topic is not None and topic.get_text(strip=True) == name
