"""Escaping of text from guideline files for the pages it is shown on: Markdown prose, table cells, HTML attributes.

Used by the documentation back end (`backends/docs.py`) and by the Markdown rendering of program diffs
(`diff.py`); it imports nothing of the compiler, so both can use it without importing each other.
"""

from __future__ import annotations

import html
import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>-])")
_RANGE_DASH = re.compile(r"(?<=\d)\\-(?=[$\d])")


def md(text: object) -> str:
    """Text from a guideline file, safe in Markdown prose and table cells: HTML escaped, Markdown neutralised."""
    escaped = html.escape(str(text), quote=True)
    escaped = _MD_SPECIAL.sub(r"\\\1", escaped)
    return escaped.replace("|", "&#124;").replace("\n", " ")


def band(text: object) -> str:
    """A band label for a table header, `md`-escaped, that may wrap after a range's dash ("$1,000,001-$1,500,000")."""
    return _RANGE_DASH.sub(r"\\-<wbr>", md(text))


def attr(text: object) -> str:
    """Text safe inside an HTML attribute value."""
    return html.escape(str(text), quote=True).replace("|", "&#124;")
