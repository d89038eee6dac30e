"""The vocabulary's derived values (ltv, dscr, ...) for portfolio conditions: as SQL columns over a relation
(`v_<name>`, scaled integers as the SQL back end computes them) and in Python (the reference evaluator)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlglot import exp

from compiler import ir, ir_program
from compiler.backends.sql.expr import Scope
from compiler.backends.sql.layers import Layers
from compiler.backends.sql.program import add_values
from compiler.evaluate import Env, Value, ev, ev_lookup


def value_columns(source: exp.Expr, vocabulary: ir_program.Vocabulary, scope: Scope) -> Layers:
    """`source` with every vocabulary value added as a column, each in the first layer after those it reads
    (declaration order is dependency order: a value reads only values declared before it)."""
    layers = Layers(source)
    add_values(layers, vocabulary.values, scope)
    return layers


def values_of(vocabulary: ir_program.Vocabulary, loan: Mapping[str, Any]) -> dict[str, Value]:
    env = Env(loan, None)  # type: ignore[arg-type]
    for v in vocabulary.values:
        env.values[v.id] = ev_lookup(v.body, env) if isinstance(v.body, ir.Lookup) else ev(v.body, env)
    return env.values
