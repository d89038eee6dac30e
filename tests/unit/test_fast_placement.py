"""check_fast's locals are bound where first needed (compiler/backends/python/placement.py): inside the innermost
block holding every read, else before the first top-level statement reading them, what they read before them."""

from __future__ import annotations

from compiler.backends.python.placement import placed


def _run(lines: list[str], values: dict[str, list[str]], **loan: object) -> dict[str, object]:
    """Execute the placed body (as a function of `loan`) and return its locals."""
    import types

    body = "\n".join(placed(lines, values))
    scope: dict[str, object] = {}
    exec("def f(loan):\n" + body + "\n    return locals()", scope)
    return scope["f"](types.SimpleNamespace(**loan))  # type: ignore[operator, no-any-return]


def test_a_value_read_in_one_branch_is_computed_only_there() -> None:
    lines = ["    out = None", "    if loan.a:", "        out = v_x + loan.a", "    else:", "        out = 0"]
    values = {"v_x": ["v_x = loan.b * loan.b"]}
    body = placed(lines, values)
    assert body.index("        v_x = f_b * f_b") == body.index("        out = v_x + f_a") - 1  # inside the branch
    assert body.index("        f_b = loan.b") < body.index("        v_x = f_b * f_b")  # its field before it
    assert body.index("    f_a = loan.a") < body.index("    if f_a:")
    assert _run(lines, values, a=1, b=3)["out"] == 10
    assert "v_x" not in _run(lines, values, a=0, b=None)  # never computed


def test_a_field_read_once_is_read_where_it_is_used() -> None:
    lines = ["    if loan.a:", "        out = v_x", "    else:", "        out = loan.c + loan.c"]
    body = placed(lines, {"v_x": ["v_x = loan.b * 2"]})
    assert body == ["    if loan.a:", "        v_x = loan.b * 2", "        out = v_x", "    else:", "        f_c = loan.c",
                    "        out = f_c + f_c"]
    assert _run(lines, {"v_x": ["v_x = loan.b * 2"]}, a=True, b=3, c=1)["out"] == 6


def test_reads_in_two_branches_bind_before_the_statement_not_inside_an_elif() -> None:
    lines = ["    if loan.a:", "        out = 1", "    elif v_x > 2:", "        out = v_x", "    else:", "        out = 0"]
    body = placed(lines, {"v_x": ["v_x = loan.b + 1"]})
    assert body.index("    v_x = loan.b + 1") < body.index("    if loan.a:")
    assert _run(lines, {"v_x": ["v_x = loan.b + 1"]}, a=False, b=4)["out"] == 5


def test_a_value_read_by_two_statements_is_bound_once_before_the_first() -> None:
    lines = ["    ok = True", "    if loan.a:", "        ok = v_y > 1", "    n = v_y"]
    values = {"v_x": ["v_x = loan.b"], "v_y": ["# y, from x", "v_y = v_x * 3"]}
    body = placed(lines, values)
    assert body.count("    v_y = v_x * 3") == 1 and body.count("    v_x = loan.b") == 1
    assert body.index("    v_x = loan.b") < body.index("    v_y = v_x * 3") < body.index("    if loan.a:")
    assert _run(lines, values, a=True, b=1)["ok"] is True


def test_comments_are_not_reads() -> None:
    lines = ["    # see programs/loan.fields and v_x", "    n = 1  # not loan.c either"]
    assert placed(lines, {"v_x": ["v_x = 1"]}) == lines
