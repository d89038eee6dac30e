"""A stress scenario applied to loans: in SQL (the tape table rewritten before any engine reads it) and in
Python (the reference, one loan at a time). Both compute exactly and round once, half up, to the field's
declared decimals.

Semantics: a change adds (or subtracts) a percent of a value as it was before the scenario (`of` another
field, else the field itself); `when` reads the loan before the scenario too; several changes to one field
apply in order, each rounded; a change
whose field, `of` field or `when` condition is unknown makes the field unknown (a stressed loan is never
eligible on data the stress could not compute); `when` no leaves the field as it was.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

from sqlglot import exp

from compiler import ir, ir_program
from compiler.backends.sql.expr import Scope, compile_expr
from compiler.backends.sql.numbers import Sql, case, num, paren, round_div
from compiler.backends.sql.program import field_places
from compiler.evaluate import Env, ev, round_fraction
from compiler.portfolio.model import Change, Scenario
from compiler.portfolio.values import value_columns, values_of


def _ratio(percent: Decimal) -> tuple[int, int]:
    n, d = percent.as_integer_ratio()
    return n, d * 100


def change_sql(c: Change, base: Sql, scope: Scope, places: dict[str, int], fields: dict[str, ir.Field]) -> exp.Expr:
    """`base` (the field so far, a scaled integer of the field's decimals) changed; NULL when unknown."""
    p = places.get(c.field, 0)
    of_name = c.of or c.field
    of = scope.field(of_name, fields[of_name].type)
    q = places.get(of_name, 0)
    n, d = _ratio(c.percent)
    denom = 10**q * d
    step = exp.Mul(this=paren(of.tree), expression=num(n * 10**p))
    scaled_base = exp.Mul(this=paren(base.tree), expression=num(denom))
    total = exp.Add(this=scaled_base, expression=step) if c.kind == "increase" else exp.Sub(this=scaled_base, expression=step)
    return round_div(total, num(denom), "half_up")


def stressed_tape_sql(scenario: Scenario, vocabulary: ir_program.Vocabulary, table: str, types: Mapping[str, str]) -> str:
    """SELECT of `table` (columns and types `types`, in order) with the scenario's fields replaced."""
    places = field_places(vocabulary)
    fields = {f.name: f for f in vocabulary.fields}
    scope = Scope(places, {})
    layers = value_columns(exp.to_table(table), vocabulary, scope)
    current: dict[str, Sql] = {}  # each changed field so far, a scaled integer
    for i, c in enumerate(scenario.changes):
        p = places.get(c.field, 0)
        base = current.get(c.field) or scope.field(c.field, fields[c.field].type)
        new = change_sql(c, base, scope, places, fields)
        if c.when is not None:
            cond = compile_expr(c.when, scope).tree
            for name, tree in scope.take_hoisted():
                layers.add([exp.alias_(tree, name)], hoisted=True)
            layers.add([exp.alias_(cond, f"_when{i}")])
            w = exp.column(f"_when{i}")
            new = case((w, new), (exp.Not(this=paren(w)), base.tree))
        current[c.field] = Sql(paren(new), "num", p)
    changed: dict[str, str] = {}
    for name, x in current.items():
        p = places.get(name, 0)
        value: exp.Expr = exp.cast(x.tree, "DECIMAL(38,0)")
        if p:
            value = exp.Mul(this=value, expression=exp.cast(exp.Literal.number(f"0.{'0' * (p - 1)}1"), f"DECIMAL({p + 1},{p})"))
        changed[name] = f"CAST({value.sql(dialect='duckdb')} AS {types[name]}) AS \"{name}\""
    if not changed or isinstance(layers.query, exp.Table):
        return f"SELECT * FROM {table}"
    cols = ", ".join(changed.get(name, f'"{name}"') for name in types)
    return f"SELECT {cols} FROM ({layers.query.sql(dialect='duckdb')}) AS valued"


def _num(v: Any) -> Decimal | None:
    return None if v is None else Decimal(v)


def stress_loan(scenario: Scenario, vocabulary: ir_program.Vocabulary, loan: Mapping[str, Any]) -> dict[str, Any]:
    """The reference: the loan (a mapping of field values) with the scenario applied."""
    places = field_places(vocabulary)
    env = Env(loan, None)  # type: ignore[arg-type]
    env.values.update(values_of(vocabulary, loan))
    out = dict(loan)
    for c in scenario.changes:
        base, of = _num(out.get(c.field)), env.field(c.of or c.field)
        applies = ev(c.when, env) if c.when is not None else True
        if applies is False:
            continue
        if applies is None or base is None or of is None:
            out.pop(c.field, None)  # unknown: absent, as a tape row's unknown cells are (compiler.screen.rows.loan_of)
            continue
        assert isinstance(of, Decimal)
        step = Fraction(of) * Fraction(c.percent) / 100
        exact = Fraction(base) + step if c.kind == "increase" else Fraction(base) - step
        out[c.field] = round_fraction(exact, places.get(c.field, 0), "half_up")
    return out
