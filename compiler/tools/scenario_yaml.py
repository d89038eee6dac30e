"""The YAML of a guideline test file, read exactly: located errors, mappings, keys, scalar text, unknowns.

YAML is read as a node tree (`yaml.compose`, with `LOADER`), never with YAML's own value conversion; these
helpers give every later reader file:line:col locations and "did you mean" for misspelled names.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

import yaml

UNKNOWN_WORDS = ("", "~", "null", "unknown")
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when installed: same nodes and marks, faster


class TestFileError(Exception):
    """A problem in a test file, located."""

    __test__ = False  # not a pytest test class

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.where = where
        self.message = message


def location(path: str, node: yaml.Node) -> str:
    """`file:line:col` of a node."""
    return f"{path}:{node.start_mark.line + 1}:{node.start_mark.column + 1}"


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" Did you mean `{close[0]}`?" if close else ""


def mapping(path: str, node: yaml.Node, what: str) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    """A mapping node's entries by key (key node, value node); duplicate and non-text keys are errors."""
    if not isinstance(node, yaml.MappingNode):
        raise TestFileError(location(path, node), f"{what} should be a list of `name: value` lines.")
    out: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    for k, v in node.value:
        if not isinstance(k, yaml.ScalarNode):
            raise TestFileError(location(path, k), f"A key in {what} should be a plain name.")
        if node.flow_style and re.fullmatch(r"\d+(\.\d+)?", str(k.value)):
            raise TestFileError(location(path, k), "Inside `{...}` a comma separates fields, so a number like 1,000,000 is cut at "
                                "its commas. Write it without commas (1000000), in quotes (\"1,000,000\"), or put each field "
                                "on its own line.")
        if k.value in out:
            raise TestFileError(location(path, k), f"`{k.value}` is given twice in {what}.")
        out[k.value] = (k, v)
    return out


def only_keys(path: str, entries: dict[str, tuple[yaml.Node, yaml.Node]], allowed: Iterable[str], what: str) -> None:
    """An error for the first key not `allowed`, with "did you mean"."""
    allowed = list(allowed)
    for key, (knode, _v) in entries.items():
        if key not in allowed:
            raise TestFileError(location(path, knode), f"Unknown key `{key}` in {what}.{did_you_mean(key, allowed)}"
                                f" Allowed: {', '.join(allowed)}.")


def scalar_text(path: str, node: yaml.Node, what: str) -> str:
    """The stripped text of a scalar node; an error for a list or a mapping."""
    if not isinstance(node, yaml.ScalarNode):
        raise TestFileError(location(path, node), f"{what} should be a single value, not a list or a mapping.")
    return str(node.value).strip()


def is_unknown(node: yaml.Node) -> bool:
    """A plain scalar that says unknown (`~`, `null`, `unknown` or nothing)."""
    return isinstance(node, yaml.ScalarNode) and not node.style and str(node.value).strip().lower() in UNKNOWN_WORDS
