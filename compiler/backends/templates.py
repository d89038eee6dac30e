"""The Jinja environment every text back end renders with: templates from the back end's own `templates/` folder,
strict about undefined names, whitespace as written. Autoescape is off because the outputs are Python and
Markdown, not HTML: each template escapes what it inserts with the back end's own filters (`pyrepr`, `md`, ...)."""

from __future__ import annotations

from typing import Any

import jinja2


def environment(package: str, **filters: Any) -> jinja2.Environment:
    """A new environment over `package`'s `templates/` folder, with `filters` added."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader(package, "templates"),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    env.filters.update(filters)
    return env
