"""How the reference evaluator words a loan (compiler/evaluate_decision.py): `say`, a value as messages show it, and
`Words`, how one program's names read (titles, types, what each value reads), worked out once per program.

Its own wording, written from the language reference, not the runtime's `fmt` (so the differential tests compare
two independent assemblies); shared with the runtime: `compiler.wording.describe` (a `when` in English).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from compiler import ir, ir_names, ir_program, ir_types
from compiler.wording import describe


def say(v: Any, kind: str = "", unit: str = "") -> str:
    """A value as messages show it: `$1,050,000`, `$2,650.50/month`, `84.00%` (the decimals it has), `24 months`,
    `180 days`, `20.5 acres`, `never` (months since an event that never happened), `yes`/`no`, ISO dates, enum values as written."""
    if v is None:
        return "unknown"
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, Decimal):
        if v.is_infinite():
            return "never"
        if kind == "money":
            if v < 0:  # -$2,083.34
                return "-" + say(-v, kind, unit)
            dollars = f"${v:,.0f}" if v == v.to_integral_value() else f"${v:,.2f}"
            return dollars + ("/month" if unit.endswith("per month") else "")
        if kind == "percent":
            return f"{v:f}%"
        if kind == "months":
            return f"{v:f} month" if v == 1 else f"{v:f} months"
        if kind == "days":
            return f"{v:f} day" if v == 1 else f"{v:f} days"
        if kind == "quantity":
            return f"{v:,f} {unit}"
        return f"{v:f}"
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(v)


@dataclass(frozen=True)
class Words:
    """How one program's names read, worked out once per program from the IR and the vocabulary."""

    titles: dict[str, str]  # field or value -> its title
    types: dict[str, ir_types.Type]  # field or value -> its type
    reads: dict[str, tuple[str, ...]]  # derived value -> the fields and values it reads
    limit_titles: dict[str, str]
    needs: dict[str, tuple[str, ...]]  # derived value -> what it reads and cannot do without (no `default` operand)

    @classmethod
    def of(cls, program: ir_program.Program, vocabulary: ir_program.Vocabulary) -> Words:
        titles = {f.name: f.title for f in vocabulary.fields} | {v.id: v.title for v in program.values}
        types = {f.name: f.type for f in vocabulary.fields} | {v.id: v.type for v in program.values}
        return cls(titles, types, {v.id: ir.reads(v.body) for v in program.values},
                   {lim.id: lim.title for lim in program.limits}, {v.id: ir_names.needs(v.body) for v in program.values})

    def english(self, x: ir.Expr | None) -> str:
        return describe(x, self.titles) if x is not None else ""


_WORDS: dict[int, tuple[ir_program.Program, Words]] = {}


def words_of(program: ir_program.Program, vocabulary: ir_program.Vocabulary) -> Words:
    cached = _WORDS.get(id(program))
    if cached is None or cached[0] is not program:
        cached = _WORDS[id(program)] = (program, Words.of(program, vocabulary))
    return cached[1]
