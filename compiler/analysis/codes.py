"""The warnings of the analyses: stable codes, what each is called, and the hint an author gets.

Documented for authors in docs/language.md ("Warnings and how to silence them"); an `accept warning`
line may name only these codes.
"""

from __future__ import annotations

ACCEPTABLE: dict[str, str] = {
    "W701": "a better borrower gets a lower limit in a matrix",
    "W702": "two eligibility matrices apply to the same loan",
    "W703": "loans no eligibility matrix covers",
    "W704": "a matrix row or column no eligible loan can reach",
    "W705": "a rule or matrix that can never apply",
    "W706": "requirements no loan can meet together",
    "W707": "an override that changes nothing",
    "W709": "a cap that can never bind",
    "W710": "a reduction that can never lower its limit",
}

UNUSED_ACCEPT = "W708"
PROGRAM_WIDE = frozenset({"W703"})  # accepted after a program's header lines (and by the programs built on it)
