"""The IR's traversal helpers: `children`, `walk`, `find_all`, `reads`, `transform`."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import ClassVar

import pytest

from compiler import ir, ir_program, ir_types
from compiler.driver import check_paths
from compiler.source import Span

ROOT = Path(__file__).resolve().parent.parent.parent
S = Span("t.guideline", 1, 1, 1, 2)
MONEY = ir_types.Type("money", unit="USD")


def f(name: str) -> ir.FieldRef:
    return ir.FieldRef(name, MONEY, S)


def v(name: str) -> ir.ValueRef:
    return ir.ValueRef(name, MONEY, S)


def c(n: int) -> ir.Const:
    return ir.Const(Decimal(n), MONEY, str(n), S)


def ge(left: ir.Expr, right: ir.Expr) -> ir.Compare:
    return ir.Compare(">=", left, right, S)


def deep(depth: int) -> ir.Expr:
    x: ir.Expr = f("fico")
    for _ in range(depth):
        x = ir.Neg(x, MONEY, S)
    return x


def test_children_in_field_order_tuples_flattened_attributes_left_out() -> None:
    a, b, d = ge(f("fico"), c(660)), v("ltv"), f("dti")
    assert list(ir.children(ir.And((a, ir.Not(b, S), d), S))) == [a, ir.Not(b, S), d]
    div = ir.DivRound(f("loan_amount"), f("value"), ir_types.Rounding("up", 2), ir_types.RATIO, S)
    assert list(ir.children(div)) == [f("loan_amount"), f("value")]  # not the rounding, the type, the span
    assert list(ir.children(f("fico"))) == []
    assert list(ir.children(c(1))) == []
    assert list(ir.children("text")) == [] and list(ir.children(None)) == []
    cells = ((ir.Cell((("max_ltv", Decimal(80)),), "80", S), ir.Cell(None, "N/A", S)),)
    band = ir.Band(None, False, None, False, "all", S)
    m = ir.Matrix("m", "M", "", None, None, ("max_ltv",), ir.Axis((f("fico"),), ((band,),), ("fico",), "fico", S), None, cells, (),
                  "p", False, S)
    assert [type(n).__name__ for n in ir.children(m)] == ["Axis", "Cell", "Cell"]  # cells: a tuple of tuples


def test_walk_is_pre_order() -> None:
    x = ir.Or((ge(f("a"), c(1)), ir.Not(f("b"), S)), S)
    names = [type(n).__name__ + (f":{n.name}" if isinstance(n, ir.FieldRef) else "") for n in ir.walk(x)]
    assert names == ["Or", "Compare", "FieldRef:a", "Const", "Not", "FieldRef:b"]
    assert list(ir.walk(None)) == [None]


def test_walk_prune_skips_what_is_under_a_pruned_node() -> None:
    inner = ge(f("b"), c(2))
    x = ir.And((ge(f("a"), c(1)), ir.Not(ir.IfThenElse(inner, inner, inner, ir_types.YESNO, S), S)), S)
    connectives = (ir.And, ir.Or, ir.Not)
    got = list(ir.walk(x, prune=lambda n: not isinstance(n, connectives)))
    assert [type(n).__name__ for n in got] == ["And", "Compare", "Not", "IfThenElse"]


def test_find_all_one_or_several_kinds_in_pre_order() -> None:
    x = ir.IfThenElse(ge(v("ltv"), c(80)), ir.Arith("+", f("a"), v("b"), MONEY, S), f("a"), MONEY, S)
    assert [n.name for n in ir.find_all(x, ir.FieldRef)] == ["a", "a"]
    assert [n.name for n in ir.find_all(x, ir.FieldRef, ir.ValueRef)] == ["ltv", "a", "b", "a"]
    assert list(ir.find_all(x, ir.IfThenElse)) == [x]  # the node itself included
    assert list(ir.find_all(None, ir.Compare)) == []


def test_reads_once_each_in_first_use_order() -> None:
    x = ir.And((ge(v("ltv"), f("max")), ge(f("fico"), c(660)), ge(v("ltv"), c(1))), S)
    assert ir.reads(x) == ("ltv", "max", "fico")
    assert ir.reads(c(3)) == ()
    assert ir.reads(None) == ()


def test_reads_of_a_frozen_node_is_worked_out_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from compiler import ir_walk

    walked: list[object] = []
    real = ir_walk._post_order

    def counted(node: object):  # type: ignore[no-untyped-def]
        walked.append(node)
        return real(node)

    monkeypatch.setattr(ir_walk, "_post_order", counted)
    monkeypatch.setattr(ir_walk, "_READS", {})
    x = ir.And((ge(v("ltv"), f("max")), ge(f("fico"), c(660))), S)
    assert ir.reads(x) == ir.reads(x) == ("ltv", "max", "fico")
    assert walked == [x]  # the second answer is the first one's
    y = ir.And((ge(v("ltv"), f("max")), ge(f("fico"), c(660))), S)  # equal, but another node: its own entry
    assert ir.reads(y) == ("ltv", "max", "fico") and walked == [x, y]

    @dataclass
    class Mutable:
        READS: ClassVar[tuple[str, ...]] = ("name",)
        name: str

    m = Mutable("a")
    assert ir.reads(m) == ("a",)
    m.name = "b"
    assert ir.reads(m) == ("b",)  # not frozen: never kept


def test_reads_lists_and_seasoning_dates_after_the_operands() -> None:
    since = ir.MonthsSince(f("closing_date"), "application_date", ir_types.MONTHS, S)
    assert ir.reads(since) == ("closing_date", "application_date")
    latest = ir.MonthsSinceLatest("credit_events", "kind", "date", ("bk7",), "application_date", ir_types.MONTHS, S)
    assert ir.reads(latest) == ("credit_events", "application_date")
    lates = ir.CountLates("mortgage_lates", "days", "date", 30, 12, "application_date", ir_types.Type("integer"), S)
    assert ir.reads(ir.Arith("+", lates, f("x"), MONEY, S)) == ("mortgage_lates", "application_date", "x")


def test_reads_through_lookups_requirements_and_rules() -> None:
    band = ir.Band(None, False, Decimal(700), False, "< 700", S)
    lookup = ir.Lookup(ir.Axis((v("score"),), ((band,),), ("score",), "score", S), (Decimal(1),), MONEY, S)
    assert ir.reads(lookup) == ("score",)
    q = ir.Requirement(ge(f("fico"), c(660)), (ir.Alternative(ge(f("fico"), c(640)), ge(v("reserves"), c(6)), S),), S)
    assert ir.reads(q) == ("fico", "reserves")
    rule = ir.Rule("r", "R", "", None, ge(f("units"), c(2)), (q,), (), (), (), (), "p", False, S)
    assert ir.reads(rule) == ("units", "fico", "reserves")


def test_a_new_node_class_needs_no_change_to_the_helpers() -> None:
    @dataclass(frozen=True, slots=True)
    class Clamp:
        """A node the helpers have never seen."""

        READS: ClassVar[tuple[str, ...]] = ("table",)

        operand: ir.Expr
        bounds: tuple[ir.Expr, ...]
        table: str
        type: ir_types.Type
        span: Span = field(compare=False)

    x = Clamp(f("a"), (c(1), v("b")), "limits", MONEY, S)
    assert list(ir.children(x)) == [f("a"), c(1), v("b")]
    assert ir.reads(ir.Neg(x, MONEY, S)) == ("a", "b", "limits")
    renamed = ir.transform(x, lambda n: dataclasses.replace(n, name="z") if isinstance(n, ir.FieldRef) else n)
    assert renamed.operand == f("z") and renamed.bounds is x.bounds


def test_transform_rebuilds_only_what_changed() -> None:
    keep = ge(v("ltv"), c(80))
    x = ir.And((keep, ge(f("fico"), c(660))), S)
    assert ir.transform(x, lambda n: n) is x
    out = ir.transform(x, lambda n: dataclasses.replace(n, name="score") if isinstance(n, ir.FieldRef) else n)
    assert out == ir.And((keep, ge(f("score"), c(660))), S)
    assert out.operands[0] is keep  # an unchanged subtree is the same object
    seen: list[str] = []
    ir.transform(x, lambda n: seen.append(type(n).__name__) or n)
    assert seen == ["ValueRef", "Const", "Compare", "FieldRef", "Const", "Compare", "And"]  # children first


def test_a_50000_deep_expression() -> None:
    x = deep(50_000)
    assert sum(1 for _ in ir.walk(x)) == 50_001
    assert [n.name for n in ir.find_all(x, ir.FieldRef)] == ["fico"]
    assert ir.reads(x) == ("fico",)
    out = ir.transform(x, lambda n: dataclasses.replace(n, name="score") if isinstance(n, ir.FieldRef) else n)
    while isinstance(out, ir.Neg):
        out = out.operand
    assert out == f("score")


# ------------------------------------------------------------------ against the repository's programs


def _inputs_of(x: object) -> tuple[str, ...]:
    """The hand-written walker `reads` replaced (compiler/meta.py `inputs_of`), kept as the oracle."""
    out: list[str] = []

    def add(name: str) -> None:
        if name not in out:
            out.append(name)

    def walk(e: object) -> None:
        if isinstance(e, (ir.FieldRef, ir.ValueRef)):
            add(e.name)
            return
        if isinstance(e, (ir.MonthsSinceLatest, ir.CountLates)):
            add(e.list_field)
            add(e.as_of)
            return
        if isinstance(e, ir.MonthsSince):
            walk(e.date)
            add(e.as_of)
            return
        if isinstance(e, ir.Lookup):
            walk(e.key)
            return
        if isinstance(e, ir.Axis):  # its keys, then the yes/no field a `no score` line reads
            for k in e.keys:
                walk(k)
            for flag in e.no_score:
                if flag:
                    add(flag)
            return
        if dataclasses.is_dataclass(e) and not isinstance(e, type):
            for fd in dataclasses.fields(e):
                if fd.name in ("type", "span"):
                    continue
                value = getattr(e, fd.name)
                for item in value if isinstance(value, tuple) else (value,):
                    walk(item)

    walk(x)
    return tuple(out)


@pytest.fixture(scope="module")
def bundle(at_root_module: None) -> ir_program.Bundle:
    result = check_paths([Path("programs")])
    assert result.bundle is not None
    return result.bundle


@pytest.fixture(scope="module")
def at_root_module() -> object:
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)
        yield None


def test_reads_agrees_with_the_walker_it_replaced_on_every_node_of_every_program(bundle: ir_program.Bundle) -> None:
    checked = 0
    for p in (*bundle.programs, *bundle.history):
        for node in ir.walk(p):
            assert ir.reads(node) == _inputs_of(node), node
            checked += 1
    assert checked > 1000


def test_walk_reaches_every_expression_of_a_program(bundle: ir_program.Bundle) -> None:
    for p in bundle.programs:
        found = set(map(id, ir.walk(p)))
        for r in p.rules:
            for q in r.requirements:
                assert id(q.test) in found
        for m in p.matrices:
            assert id(m.rows.expr) in found and all(id(cell) in found for row in m.cells for cell in row)
        for v_ in p.values:
            assert id(v_.body) in found
    assert ir.transform(bundle, lambda n: n) is bundle
