"""The fixed choice lists of command-line options, as Enums: a value outside the list is a usage error (exit 2)
that lists the choices, and shell completion offers them. Light on purpose: every command module imports it at start."""

from __future__ import annotations

from enum import StrEnum


class Engine(StrEnum):
    """`glc screen --engine` (the engines of `compiler.screen.engines.ENGINES`)."""

    duckdb = "duckdb"
    python = "python"
    reference = "reference"
    spark = "spark"


class DiffFormat(StrEnum):
    """`glc diff --format`."""

    text = "text"
    json = "json"
    markdown = "markdown"


class Format(StrEnum):
    """`--format` of check, eval, test and explain."""

    text = "text"
    json = "json"
