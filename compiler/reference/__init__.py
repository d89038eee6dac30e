"""The built-in reference lists every vocabulary may name: ISO 3166-1 countries and US states and territories.

The data are committed CSV files beside this module (each states its source and date in its first lines), read
through importlib.resources: no package is needed at build time and the generated checkers need none at all
(a field typed `one of countries` is compiled to its 249 choices). Produces `BuiltinList`s by name.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class BuiltinList:
    """A named list of codes with their labels, in the order the standard lists them (by code)."""

    name: str
    title: str
    codes: tuple[str, ...]
    labels: tuple[str, ...]
    source: str


def _rows(file: str) -> tuple[list[dict[str, str]], str]:
    text = resources.files("compiler.reference").joinpath(file).read_text(encoding="utf-8")
    comments = [line[1:].strip() for line in text.splitlines() if line.startswith("#")]
    body = [line for line in text.splitlines() if not line.startswith("#")]
    source = next((c for c in comments if c.startswith("Source:")), "")
    return list(csv.DictReader(body)), source


def _make(name: str, title: str, rows: list[dict[str, str]], source: str) -> BuiltinList:
    return BuiltinList(name, title, tuple(r["code"] for r in rows), tuple(r["name"] for r in rows), source)


@cache
def builtin_lists() -> dict[str, BuiltinList]:
    """Every built-in list by name: `countries`, `us_states`, `us_states_and_dc`, `us_territories`,
    `us_jurisdictions` (states, DC and territories)."""
    countries, c_source = _rows("countries.csv")
    us, us_source = _rows("us_states.csv")
    states = [r for r in us if r["kind"] == "state"]
    lists = [
        _make("countries", "Countries (ISO 3166-1)", countries, c_source),
        _make("us_states", "US states", states, us_source),
        _make("us_states_and_dc", "US states and DC", [r for r in us if r["kind"] in ("state", "district")], us_source),
        _make("us_territories", "US territories", [r for r in us if r["kind"] == "territory"], us_source),
        _make("us_jurisdictions", "US states, DC and territories", us, us_source),
    ]
    return {b.name: b for b in lists}
