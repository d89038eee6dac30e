"""The shortcuts `check_fast` takes, each against the long way it replaces (compiler/backends/python/fast.py, expr.py,
bounds.py): band chains without the edges earlier bands imply, the surely-met test before a rule's three-valued
outcome, conditions tested on their parts, leading never-unknown operands of `and`/`or`, divisions without the
quotient-size check where the declared ranges bound it, and the generated keystone checker using each of them.
"""

from __future__ import annotations

import itertools
import random
import re
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from compiler import ir, ir_types
from compiler.backends.python import expr as pyexpr
from compiler.backends.python.bands import band_test, implied_edges
from compiler.backends.python.bounds import Bounds
from compiler.backends.python.expr import PyExpr
from compiler.backends.python.met import known_when, met_when
from compiler.ir_types import Rounding
from compiler.source import Span

ROOT = Path(__file__).resolve().parents[2]
S = Span("t", 1, 1, 1, 2)
INTEGER = ir_types.Type("integer")
MONEY = ir_types.Type("money", unit="USD")
ENUM = ir_types.Type("enum", enum="k", values=("a", "b", "c"), labels=("A", "B", "C"))


def _first(tests: list[str], key: Any) -> int:
    """The index of the first band whose test holds for `key`, -1 for none."""
    for i, test in enumerate(tests):
        if eval(test, {"Decimal": Decimal}, {"k": key}):
            return i
    return -1


def _const(value: Decimal) -> str:
    return f"Decimal('{value}')"


def test_implied_edges_pick_the_same_band_as_the_full_tests() -> None:
    """Random bands (overlapping, with gaps, open and closed, edges on and off the grid) and keys on the grid: the
    chain without implied edges finds the band the full tests find."""
    rng = random.Random(17)
    for step in (Decimal(1), Decimal("0.01"), None):
        grid = step if step is not None else Decimal("0.25")  # without a grid, keys anywhere: a fine sample of them
        for _ in range(400):
            bands = []
            for _b in range(rng.randint(1, 5)):
                low = None if rng.random() < 0.2 else Decimal(rng.randint(0, 40)) / rng.choice((1, 2, 4))
                high = None if rng.random() < 0.2 else Decimal(rng.randint(0, 40)) / rng.choice((1, 2, 4))
                bands.append((low, rng.random() < 0.5, high, rng.random() < 0.5))
            full = [band_test("k", b, False, _const) for b in bands]
            short = [band_test("k", b, False, _const) for b in implied_edges(bands, step)]
            for n in range(-8, 180):
                key = n * grid
                assert _first(short, key) == _first(full, key), (bands, step, key)


def test_descending_score_bands_test_one_edge_each() -> None:
    bands = [(Decimal(740), True, None, False), (Decimal(720), True, Decimal(739), True),
             (Decimal(700), True, Decimal(719), True)]
    assert [band_test("k", b, True, _const) for b in implied_edges(bands, Decimal(1))] == [
        "k >= 740", "k >= 720", "k >= 700"]
    # on a finer grid 739.5 lies in no band: the edge stays
    assert "k <= " in band_test("k", implied_edges(bands, Decimal("0.5"))[1], True, _const)


def _field(name: str, t: ir_types.Type, places: int | None, low: int | None, high: int | None) -> ir.Field:
    band = None if low is None or high is None else ir.Band(Decimal(low), True, Decimal(high), True, "range", S)
    return ir.Field(name, name, t, places, band, "", "", S)


def test_a_quotient_is_known_to_fit_only_from_ranges_and_grids() -> None:
    fields = {f.name: f for f in (_field("a", MONEY, 0, 1, 10**8), _field("b", MONEY, 2, 0, 10**8),
                                  _field("c", MONEY, None, 0, 10**8), _field("d", MONEY, 2, None, None),
                                  _field("e", MONEY, 0, 0, 10**50))}
    bounds = Bounds(fields, {})

    def div(n: str, d: str) -> ir.DivRound:
        return ir.DivRound(ir.Scale(ir.FieldRef(n, MONEY, S), 2, MONEY, S), ir.FieldRef(d, MONEY, S),
                           Rounding("up", 2), MONEY, S)

    assert bounds.quotient_fits(div("a", "b"))  # at most 10^10 / 0.01
    assert not bounds.quotient_fits(div("a", "c"))  # no precision: a denominator can be as small as it likes
    assert not bounds.quotient_fits(div("d", "b"))  # no range: the numerator is not bounded
    assert not bounds.quotient_fits(div("e", "a"))  # 10^52 / 1: too many digits


def _emit_both(x: ir.Expr) -> tuple[str, str]:
    """x as the full path writes it and as the fast path does (module constants in CONSTANTS)."""
    slow = PyExpr()
    fast = PyExpr()
    fast.locals_for_values = True
    texts = slow.emit(x), fast.emit(x)
    _constants(slow)
    _constants(fast)
    return texts


CONSTANTS: dict[str, Any] = {"rt": pyexpr.rt, "Decimal": Decimal}


def _constants(emitter: PyExpr) -> None:
    for name, text in emitter.constants.items():
        CONSTANTS[name] = eval(text, dict(CONSTANTS))


def _loans() -> list[SimpleNamespace]:
    return [SimpleNamespace(x=x, y=y, z=z) for x, y, z in itertools.product(
        (None, 0, 5, 10), (None, "a", "b", "c"), (None, True, False))]


X, Y, Z = ir.FieldRef("x", INTEGER, S), ir.FieldRef("y", ENUM, S), ir.FieldRef("z", ir_types.YESNO, S)
FIVE = ir.Const(Decimal(5), INTEGER, "5", S)
BIG = ir.Compare(">=", X, FIVE, S)
A_OR_B = ir.InSet(Y, ("a", "b"), False, S)
KNOWN_Y = ir.IsKnown(Y, False, S)
TESTS = [
    ir.And((BIG, A_OR_B), S), ir.Or((BIG, A_OR_B), S), ir.And((KNOWN_Y, A_OR_B), S),
    ir.Or((ir.IsKnown(X, False, S), A_OR_B), S), ir.And((ir.IsKnown(X, False, S), BIG, Z), S),
    ir.Or((ir.And((BIG, Z), S), ir.Not(Z, S)), S), ir.And((KNOWN_Y, ir.InSet(Y, ("c",), True, S)), S),
]


def _value(text: str, loan: SimpleNamespace) -> Any:
    return eval(text, dict(CONSTANTS), {"loan": loan})


def test_the_fast_path_decides_conditions_as_the_full_path() -> None:
    """Conditions on their parts, `x is known and <tests of x>`, leading never-unknown operands: the same
    three-valued result as the full path's Kleene logic, for every combination of values, unknown included."""
    for x in [*TESTS, *(ir.IfThenElse(t, FIVE, ir.Const(Decimal(7), INTEGER, "7", S), INTEGER, S) for t in TESTS)]:
        slow, fast = _emit_both(x)
        for loan in _loans():
            assert _value(fast, loan) == _value(slow, loan), (slow, fast, loan)


def test_surely_met_holds_exactly_when_a_simple_condition_is_true_and_decides_it_when_all_is_known() -> None:
    emitter = PyExpr()
    emitter.locals_for_values = True
    for x in TESTS:
        met = met_when(emitter, x)
        assert met is not None, x
        full = (slow := PyExpr()).emit(x)
        _constants(emitter)
        _constants(slow)
        known = known_when(emitter, x)
        assert known is not None, x
        for loan in _loans():
            assert _value(met, loan) == (_value(full, loan) is True), (met, loan)
            if all(_value(c, loan) for c in known):  # every input known: the plain test is the whole answer
                assert _value(full, loan) is _value(met, loan), (known, loan)


def test_keystone_check_fast_takes_each_shortcut() -> None:
    text = (ROOT / "generated" / "keystone_bank_statement.py").read_text(encoding="utf-8")
    fast = text[text.index("def check_fast("):]
    assert "which = _WHICH.get((f_occupancy, f_purpose), -2)" in fast  # the one matrix that applies, alone
    assert re.search(r"else 1 if f_fico >= 720\n", fast)  # no `<= 739`: the band before implies it
    assert ".adjusted()" not in fast  # every quotient's size bounded by the declared ranges
    assert "v_ltv if v_ltv is not None" in fast  # CLTV is LTV when there are no other liens
    assert "# surely met: nothing to record" in fast and "# every input known: not met" in fast
    assert "rt.quantize(" not in fast  # monthly income rounded by the bound context method
    # a key outside the bands defers to the one-requirement rules' recorded failures, in one loop
    assert "for out in reversed(outside.values()):" in fast and "('min_fico' in failed)" in fast
    assert "_MONTHS_BETWEEN(" in fast and "rt.months_between(" not in fast
    assert "if refused_max_ltv is not None:" in fast  # a limit's arithmetic only when no matrix refused it
    # conditions on their parts: no three-valued local for `senior liens`, `second appraisal`, `after forbearance`
    assert "_D0 if f_lien_position is None else loan.senior_lien_balance if f_lien_position in {'second'} else _D0" in fast
    assert "    if f_loan_amount is None:\n        unresolved.append('second_appraisal')" in fast
    assert "False if f_forbearance_end is None else" in fast
    assert "(f_pitia is not None and not (f_pitia > _D0))" in fast  # one denominator's test inline


def test_rounding_a_bounded_value_inline_gives_rt_quantize() -> None:
    """A value the declared ranges keep small is rounded by the bound context method, exactly as rt.quantize; an
    unbounded one still calls it."""
    fields = {"m": _field("m", MONEY, 4, -(10**8), 10**8), "n": _field("n", MONEY, 4, None, None)}
    rng = random.Random(5)
    for mode in ("up", "down"):
        emitter = PyExpr()
        emitter.locals_for_values = True
        emitter.bounds = Bounds(fields, {})
        text = emitter.emit(ir.Round(ir.FieldRef("m", MONEY, S), Rounding(mode, 2), MONEY, S))  # type: ignore[arg-type]
        assert "rt.quantize" not in text
        assert "rt.quantize" in emitter.emit(ir.Round(ir.FieldRef("n", MONEY, S), Rounding(mode, 2), MONEY, S))  # type: ignore[arg-type]
        _constants(emitter)
        for _ in range(300):
            m = rng.choice((None, Decimal(rng.randint(-(10**12), 10**12)).scaleb(-4), Decimal("-0.0001"), Decimal(0)))
            got = _value(text, SimpleNamespace(m=m))
            want = pyexpr.rt.quantize(m, 2, mode)
            assert got == want and (got is None or str(got) == str(want)), (mode, m, got, want)
