"""`bayyin_cached`: a template fragment that is the same on many pages is rendered once."""

from __future__ import annotations

from typing import Any, cast

import jinja2

from generator.site.plugin import BayyinPlugin


def test_a_cached_fragment_is_rendered_once_per_key() -> None:
    env = BayyinPlugin().on_env(jinja2.Environment(), config=cast(Any, None), files=cast(Any, None))
    calls: list[str] = []
    env.globals["count"] = lambda name: calls.append(name) or name
    template = env.from_string("{% call bayyin_cached(key) %}<b>{{ count(key) }}</b>{% endcall %}")
    pages = [template.render(key=key) for key in ("claims", "claims", "people", "claims")]
    assert pages == ["<b>claims</b>", "<b>claims</b>", "<b>people</b>", "<b>claims</b>"]
    assert calls == ["claims", "people"]
    assert env.auto_reload is False
