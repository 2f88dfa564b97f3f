"""What the adapter changes in the HTML and JavaScript MkDocs writes: the direction on <html>,
valid toggles, the Content-Security-Policy of every page, and Material's bundle no longer
fetching sitemaps for alternate links. Plain text in, plain text out: no MkDocs import."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

_HTML_TAG = re.compile(r'<html lang="([a-z]+)" class="no-js">')


# Material's bundle fetches `<href>/sitemap.xml` for every <link rel=alternate> in the page,
# assuming they point at language home pages. Ours point at the counterpart page, so every
# page view would make three requests that 404. The language switcher links straight to the
# counterpart, so that feature is not needed: match no element instead.
_ALTERNATE_SELECTOR = 'M("link[rel=alternate]")'
_NO_ALTERNATE_SELECTOR = 'M("link[rel=alternate][data-md-sitemap]")'


def stop_alternate_sitemap_fetch(site_dir: Path) -> None:
    bundles = list((site_dir / "assets" / "javascripts").glob("bundle.*.min.js"))
    for bundle in bundles:
        code = bundle.read_text(encoding="utf-8")
        if code.count(_NO_ALTERNATE_SELECTOR) == 1 and _ALTERNATE_SELECTOR not in code:
            continue  # a refresh of a site built before: already changed
        if code.count(_ALTERNATE_SELECTOR) != 1:
            raise RuntimeError(
                f"{bundle.name}: Material's alternate-link code changed; review "
                "stop_alternate_sitemap_fetch in generator/site/output.py"
            )
        bundle.write_text(code.replace(_ALTERNATE_SELECTOR, _NO_ALTERNATE_SELECTOR), "utf-8")
    if not bundles:
        raise RuntimeError("Material's JavaScript bundle was not found in the built site")


def contact_text(url: str) -> str:
    """How the footer shows the contact: the address of a mailto: link, else the URL
    without its scheme."""
    if url.startswith("mailto:"):
        return url.removeprefix("mailto:").split("?", 1)[0]
    return url.split("://", 1)[-1].rstrip("/")


# Material's base.html (outside any block) puts autocomplete="off" on its hidden toggle
# checkboxes, which HTML allows only on text-like inputs. The toggles hold no form data.
_TOGGLE_AUTOCOMPLETE = re.compile(
    r'(<input class="md-toggle"[^>]*type="checkbox"[^>]*) autocomplete="off"'
)


def with_dir(output: str, lang: str) -> str:
    """Put dir on <html> (Material sets it on <body> only), make the toggles valid HTML and
    give the page its Content-Security-Policy."""
    direction = "rtl" if lang == "ar" else "ltr"
    output = _HTML_TAG.sub(f'<html lang="\\1" dir="{direction}" class="no-js">', output, count=1)
    return with_csp(compact_whitespace(_TOGGLE_AUTOCOMPLETE.sub(r"\1", output)))


# Elements whose whitespace is content: left exactly as written.
_VERBATIM = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.DOTALL | re.IGNORECASE)
# Between two tags, or between a tag and a verbatim element (the ends of the pieces between them).
_BETWEEN_TAGS = re.compile(r"(\A|>)[ \t\r]*\n\s*(?=<|\Z)")


def compact_whitespace(output: str) -> str:
    """`output` without the blank lines and indentation the templates leave between tags (about
    4 % of a claim page). A run of whitespace with a line break becomes one line break, which
    HTML renders exactly as it rendered the run; <pre>, <textarea>, <script> and <style> are
    left alone."""
    parts = _VERBATIM.split(output)
    # split() returns text, then for each match the whole element and its tag name.
    for index in range(0, len(parts), 3):
        parts[index] = _BETWEEN_TAGS.sub("\\1\n", parts[index])
    return "".join(part for index, part in enumerate(parts) if index % 3 != 2)


# The Content-Security-Policy of every page: everything from the site itself, nothing from
# another host, and of inline scripts only the two Material writes into every page (allowed
# by their hash; the first names the page's folder). Any other inline script, say one that
# content smuggled past the escaping, does not run. Images allow data: for Material's icons
# (SVG masks in its style sheet).
_CSP = (
    "default-src 'none'; script-src 'self'{hashes}; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; "
    "base-uri 'self'; form-action 'self'"
)
_MATERIAL_SCRIPTS = (
    # partials/javascripts/base.html
    re.compile(
        re.escape('__md_scope=new URL("')
        + r"[-./\w]*"
        + re.escape(
            '",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),'
            '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),'
            '__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,'
            "JSON.stringify(_))}catch(e){}}"
        )
    ),
    # partials/javascripts/content.html
    re.compile(
        re.escape(
            "var target=document.getElementById(location.hash.slice(1));target&&target.name&&"
            '(target.checked=target.name.startsWith("__tabbed_"))'
        )
    ),
)
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
_CHARSET = '<meta charset="utf-8">'
# No page tells the sites it links to (sources, the claimant's post) which page a reader came
# from: one tag instead of rel="noreferrer" on every link.
_REFERRER = '<meta name="referrer" content="no-referrer">'


def with_csp(output: str) -> str:
    """`output` with a Content-Security-Policy meta tag right after its charset (before any
    script), allowing Material's inline scripts by hash and no other inline script, and the
    no-referrer policy."""
    if _CHARSET not in output:
        return output
    hashes = dict.fromkeys(
        " 'sha256-"
        + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        + "'"
        for body in _INLINE_SCRIPT.findall(output)
        if any(pattern.fullmatch(body) for pattern in _MATERIAL_SCRIPTS)
    )
    policy = _CSP.format(hashes="".join(hashes))
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    return output.replace(_CHARSET, f"{_CHARSET}\n{tag}\n{_REFERRER}", 1)
