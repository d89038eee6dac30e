"""SQL back end, programs: one program's decision for every loan of a tape, as one sqlglot SELECT.

The query computes these columns, each in the first layer after every column it reads (`Layers`: one nested
SELECT per step of the longest chain of dependencies, each layer computing many columns and carrying only those
read above it):
  1. derived values (`v_ltv`, `v_dti`, ... scaled integers);
  2. facts: whether each matrix and rule applies, each matrix key, each requirement's result (Kleene, NULL unknown);
  3. matrix band positions; 4. findings: one outcome column per matrix, rule and the eligibility-matrix check, a
     small integer (`OUTCOME`: comparing integers, not strings);
  5. limits: the candidates, the lowest and the rule that binds it, with and without adjustments whose rule
     may not apply (`runtime.decide`'s "uncertain adjustment gives missing data"); 6. limit findings;
  7. the row of the result: which outcomes occur (`_has_fail`, ...), status, limits with binding rules, failing /
     missing / review rule ids (each list built only for the rows that have such an outcome), conditions.
The semantics are `compiler.runtime.decide`'s, outcome for outcome; the differential tests hold them to it.
The tape relation has one typed column per vocabulary field, `_row` (input row number) and `_reason` (why the
row could not be read, NULL when it could); an unreadable row comes out with status `invalid` and its reason.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from decimal import Decimal

from sqlglot import exp

from compiler import ir, ir_names, ir_program, ir_types
from compiler.backends.sql.expr import Scope, compile_expr, compile_lookup, in_band, in_line, key_unknown, no_score_flags
from compiler.backends.sql.layers import SMALL, Layers
from compiler.backends.sql.numbers import (
    Sql,
    SqlError,
    case,
    const_num,
    from_source,
    int_type,
    is_null,
    lit,
    narrow,
    paren,
    quoted_column,
    rescale,
    rescaled,
    widen,
    width_for,
)

SEP = ";"  # between rule ids
COND_SEP = " | "  # between conditions
# Each finding's outcome as a small integer in the query (comparing and carrying integers, not strings); the
# result row names only the rules with a given outcome, and builds those lists only for rows that have one.
OUTCOME = {"not_applicable": 0, "pass": 1, "review": 2, "missing": 3, "fail": 4}


def field_places(vocabulary: ir_program.Vocabulary) -> dict[str, int]:
    """Declared decimals of numeric fields (the tape's DECIMAL scale); integers and months have 0."""
    return {f.name: (f.places or 0) for f in vocabulary.fields if f.type.numeric}


def field_bounds(vocabulary: ir_program.Vocabulary) -> dict[str, Decimal]:
    """The largest magnitude of each numeric field with a declared range (both ends): the tape reads a cell outside
    its field's range as unknown (`compiler.screen.tape`), so the query's arithmetic on it can be 64-bit."""
    return {f.name: max(abs(f.range.low), abs(f.range.high)) for f in vocabulary.fields
            if f.type.numeric and f.range is not None and f.range.low is not None and f.range.high is not None}


def _s(text: str) -> exp.Expr:
    return exp.Literal.string(text)


def _o(outcome: str) -> exp.Expr:
    """An outcome's code (`OUTCOME`)."""
    return lit(OUTCOME[outcome])


def _is(column: str, outcome: str) -> exp.Expr:
    """The outcome column holds `outcome` (outcome columns are never NULL)."""
    return exp.EQ(this=exp.column(column), expression=_o(outcome))


def _true(e: exp.Expr) -> exp.Expr:
    """e is TRUE (not FALSE, not unknown)."""
    return exp.Coalesce(this=paren(e), expressions=[exp.Boolean(this=False)])


def _false(e: exp.Expr) -> exp.Expr:
    return exp.Coalesce(this=exp.Not(this=paren(e)), expressions=[exp.Boolean(this=False)])


def _or(parts: Sequence[exp.Expr]) -> exp.Expr:
    if not parts:
        return exp.Boolean(this=False)
    tree = paren(parts[0])
    for p in parts[1:]:
        tree = exp.Or(this=tree, expression=paren(p))
    return tree


def _and(parts: Sequence[exp.Expr]) -> exp.Expr:
    tree = paren(parts[0])
    for p in parts[1:]:
        tree = exp.And(this=tree, expression=paren(p))
    return tree


def _least(parts: Sequence[exp.Expr]) -> exp.Expr:
    """The least known value (NULLs skipped, NULL when all are): LEAST in DuckDB and Spark, written as is."""
    if len(parts) == 1:
        return parts[0]
    return exp.Anonymous(this="LEAST", expressions=list(parts))


def _concat(parts: Sequence[exp.Expr], sep: str) -> exp.Expr:
    """CONCAT_WS skips NULLs in DuckDB and Spark; written as is (sqlglot would add a NULL guard)."""
    if not parts:
        return _s("")
    return exp.Anonymous(this="CONCAT_WS", expressions=[_s(sep), *parts])


def add_values(layers: Layers, values: Sequence[ir.Value], scope: Scope) -> None:
    """Each value as a column, in declaration order (dependency order: a value reads only values declared before
    it, as columns of the layers below). A value that may be invalid (language.md 3.4,
    "Domains") is computed into `_raw_<id>`, then NULL when outside its domain or reading an invalid value, with
    `_inv_<id>` (BOOLEAN, never NULL) saying so."""
    invalid_from = ir_names.invalid_from(values)
    for v in values:
        sql = narrow(compile_lookup(v.body, scope) if isinstance(v.body, ir.Lookup) else compile_expr(v.body, scope))
        undefined = None if isinstance(v.body, ir.Lookup) else _undefined(v.body, scope)
        if sql.kind == "num":
            scope.value_scales[v.id] = sql.scale
            scope.value_bounds[v.id] = (sql.bound, sql.width)
        for name, tree in scope.take_hoisted():
            layers.add([exp.alias_(tree, name)], hoisted=True)
        inherited = invalid_from.get(v.id)
        if inherited is None:
            layers.add([exp.alias_(sql.tree, scope.value_prefix + v.id, quoted=True)])
            continue
        layers.add([exp.alias_(sql.tree, f"_raw_{v.id}")])
        raw = exp.column(f"_raw_{v.id}")
        bad: list[exp.Expr] = [invalid_col(name) for name in inherited]
        if undefined is not None:  # divides by zero or less: undefined (language.md 3.4)
            bad.append(undefined)
        if v.domain is not None:
            bad.append(exp.And(this=exp.Not(this=is_null(raw)),
                               expression=exp.Not(this=paren(in_band(dataclasses.replace(sql, tree=raw), v.domain)))))
        invalid = exp.Coalesce(this=paren(_or(bad)), expressions=[exp.Boolean(this=False)])
        layers.add([exp.alias_(case((invalid, exp.Null()), default=raw), scope.value_prefix + v.id, quoted=True),
                    exp.alias_(invalid, f"_inv_{v.id}")])


def _undefined(x: object, scope: Scope) -> exp.Expr | None:
    """TRUE when a division `x` takes has a known denominator of zero or less (the reference evaluator's
    `undefined`); None when `x` does not divide. A branch not taken is not read."""
    if not ir_names.divides(x):
        return None
    if isinstance(x, ir.DivRound):
        d = compile_expr(x.denominator, scope).tree
        parts: list[exp.Expr] = [exp.And(this=exp.Not(this=is_null(d)), expression=exp.LTE(this=paren(d), expression=lit(0)))]
        parts += [p for p in (_undefined(x.numerator, scope), _undefined(x.denominator, scope)) if p is not None]
        return _or(parts)
    if isinstance(x, ir.IfThenElse):
        c = compile_expr(x.cond, scope).tree
        a, b = _undefined(x.then, scope), _undefined(x.otherwise, scope)
        return _or([_and([_true(c), p]) for p in (a,) if p is not None]
                   + [_and([_false(c), p]) for p in (b,) if p is not None])
    if isinstance(x, ir.Default):
        a, b = _undefined(x.operand, scope), _undefined(x.fallback, scope)
        fallback = _and([is_null(compile_expr(x.operand, scope).tree), b]) if b is not None else None
        return _or([p for p in (a, fallback) if p is not None])
    return _or([p for child in ir.children(x) if (p := _undefined(child, scope)) is not None])


def invalid_col(value: str) -> exp.Expr:
    """Whether the value is invalid (outside its domain or reading such a value): TRUE or FALSE."""
    return exp.column(f"_inv_{value}")


def _invalid_read(x: object, invalid_from: dict[str, tuple[str, ...]]) -> exp.Expr | None:
    """Whether any value `x` reads directly is invalid; None when none may be."""
    names = [name for name in ir.reads(x) if name in invalid_from]
    return _or([invalid_col(n) for n in names]) if names else None


def program_query(program: ir_program.Program, vocabulary: ir_program.Vocabulary, source: exp.Expr,
                  limits: Sequence[str] | None = None, carry: Sequence[str] = (), small: int = SMALL) -> exp.Select:
    """The SELECT deciding every row of `source` under `program`; one output row per input row. `carry`: columns
    of `source` passed through after the result columns (what a caller computes in the same pass). `small`: columns
    up to that many SQL nodes are written out where that saves a layer (`Layers`): for Spark, whose analyser pays
    per layer; 0 for DuckDB, which plans a deep query fast and computes a repeated subexpression once anyway."""
    scope = Scope(field_places(vocabulary), {}, field_bounds=field_bounds(vocabulary))
    layers = Layers(source, small)
    invalid_from = ir_names.invalid_from(program.values)

    # 1. derived values (later values read earlier ones as columns of layers below)
    add_values(layers, program.values, scope)

    # 2. facts
    facts: list[exp.Expr] = []
    key_scales: dict[str, Sql] = {}
    for i, m in enumerate(program.matrices):
        facts.append(exp.alias_(compile_expr(m.when, scope).tree if m.when is not None else exp.Boolean(this=True), f"m{i}_a"))
        for j, axis in enumerate(_axes(m)):
            flags = no_score_flags(axis, scope)
            for name, key_expr, flag in zip(_key_columns(i, j, axis), axis.keys, flags, strict=True):
                key = compile_expr(key_expr, scope)
                key_scales[name] = key
                facts.append(exp.alias_(key.tree, name))
                if flag is not None:  # the loan says it has no score: the key's `no score` line
                    facts.append(exp.alias_(flag, f"{name}_ns"))
    for i, r in enumerate(program.rules):
        facts.append(exp.alias_(compile_expr(r.when, scope).tree if r.when is not None else exp.Boolean(this=True), f"r{i}_a"))
        for j, q in enumerate(r.requirements):
            met = _requirement(q, scope)
            if (invalid := _invalid_read(q, invalid_from)) is not None:  # reading an invalid value: not met
                met = case((invalid, exp.Boolean(this=False)), default=met)
            facts.append(exp.alias_(met, f"r{i}_q{j}"))
    for name, tree in scope.take_hoisted():
        layers.add([exp.alias_(tree, name)], hoisted=True)
    layers.add(facts)

    # 3. band positions of matrix keys (NULL when the key is unknown or outside every band)
    positions: list[exp.Expr] = []
    for i, m in enumerate(program.matrices):
        for j, axis in enumerate(_axes(m)):
            keys = [dataclasses.replace(key_scales[name], tree=exp.column(name)) for name in _key_columns(i, j, axis)]
            flags = _flag_columns(i, j, axis)
            positions.append(exp.alias_(case(*[(in_line(keys, line, flags), lit(n)) for n, line in enumerate(axis.lines)]),
                                        f"m{i}_b{j}"))
    layers.add(positions)

    # 4. findings of matrices and rules
    outcomes: list[exp.Expr] = []
    finding_cols: list[tuple[str, str]] = []  # (rule id, outcome column), in the Decision's finding order
    for i, m in enumerate(program.matrices):
        outcomes.append(exp.alias_(_matrix_outcome(i, m, invalid_from, program.rules), f"o_m{i}"))
        finding_cols.append((m.id, f"o_m{i}"))
    if program.matrices and program.uncovered == "declined":
        none_applies = _false(_or([exp.column(f"m{i}_a") for i in range(len(program.matrices))]))
        outcomes.append(exp.alias_(case((none_applies, _o("fail")), default=_o("pass")), "o_elig"))
        finding_cols.append(("eligibility_matrix", "o_elig"))
    for i, r in enumerate(program.rules):
        outcomes.append(exp.alias_(_rule_outcome(i, r), f"o_r{i}"))
        finding_cols.append((r.id, f"o_r{i}"))
    layers.add(outcomes)

    # 5. limits (in layers: candidates, base, options, lowest, binding rule) and 6. their findings
    limit_ids = list(limits) if limits is not None else [lim.id for lim in program.limits]
    own = {lim.id: lim for lim in program.limits}
    stages: list[list[exp.Expr]] = [[], [], [], [], []]
    limit_findings: list[exp.Expr] = []
    out_limits: list[exp.Expr] = []
    for k, lid in enumerate(limit_ids):
        lim = own.get(lid)
        if lim is None:
            out_limits += [exp.alias_(exp.Null(), lid), exp.alias_(exp.Null(), f"{lid}_rule")]
            continue
        actual = _limit_actual(lim, program, vocabulary, scope)
        scale = _limit_stages(program, lim.id, actual, k, stages, scope, invalid_from)
        lv, lc, la = exp.column(f"lim{k}"), exp.column(f"lim{k}_certain"), exp.column(f"lim{k}_actual")
        on_invalid = [(exp.And(this=is_null(la), expression=invalid_col(lim.on)), _o("fail"))] \
            if lim.on in invalid_from else []
        gone = exp.column(f"lim{k}_gone_now")  # an amount not known: TRUE not eligible, FALSE unknown, NULL neither
        limit_findings.append(exp.alias_(case(
            (_true(exp.EQ(this=gone, expression=exp.Boolean(this=True))), _o("fail")),
            (_true(exp.EQ(this=gone, expression=exp.Boolean(this=False))), _o("missing")),
            (is_null(lv), _o("not_applicable")),
            *on_invalid,
            (is_null(la), _o("missing")),
            (exp.And(this=exp.GT(this=la, expression=lv),
                     expression=paren(exp.Or(this=is_null(lc), expression=exp.LTE(this=la, expression=lc)))), _o("missing")),
            (exp.LTE(this=la, expression=lv), _o("pass")),
            default=_o("fail")), f"o_l{k}"))
        finding_cols.append((lim.id, f"o_l{k}"))
        out_limits += [exp.alias_(_decimal(lv, scale), lid), exp.alias_(exp.column(f"lim{k}_rule"), f"{lid}_rule")]
    for stage in stages:
        layers.add(stage)
    layers.add(limit_findings)

    # 7. the result row: which outcomes occur (one integer test per finding), then the status, and the rule-id
    # lists only for the rows that have such an outcome (most rows build none, or one)
    layers.add([exp.alias_(_or([_is(col, outcome) for _rid, col in finding_cols]), f"_has_{outcome}")
                for outcome in ("fail", "missing", "review")])
    valid = is_null(quoted_column("_reason"))

    def ids(outcome: str) -> exp.Expr:
        names = _concat([case((_is(col, outcome), _s(rid))) for rid, col in finding_cols], SEP)
        return case((exp.Not(this=valid), exp.Null()), (exp.column(f"_has_{outcome}"), names), default=_s(""))

    def when_valid(e: exp.Expr) -> exp.Expr:
        return case((valid, e))

    conditions = [case((_true(exp.column(f"r{i}_a")), _s(f"{r.id} ({c.kind}): {c.text}")))
                  for i, r in enumerate(program.rules) for c in r.conditions]
    status = case((exp.Not(this=valid), _s("invalid")),
                  (exp.column("_has_fail"), _s("ineligible")),
                  (exp.Or(this=exp.column("_has_missing"), expression=exp.column("_has_review")), _s("needs_info")),
                  default=_s("eligible"))
    final = [
        exp.alias_(quoted_column("_row"), "row"),
        exp.alias_(quoted_column("loan_id"), "loan_id"),
        exp.alias_(_s(program.id), "program"),
        exp.alias_(status, "status"),
        *[exp.alias_(when_valid(e.this), e.alias) for e in out_limits],
        exp.alias_(ids("fail"), "failing_rules"),
        exp.alias_(ids("missing"), "missing_rules"),
        exp.alias_(ids("review"), "review_rules"),
        exp.alias_(when_valid(_concat(conditions, COND_SEP)), "conditions"),
        exp.alias_(quoted_column("_reason"), "reason"),
        *[quoted_column(name) for name in carry],
    ]
    return layers.select(final, "decided")


def _axes(m: ir.Matrix) -> list[ir.Axis]:
    return [m.rows] + ([m.columns] if m.columns is not None else [])


def _requirement(q: ir.Requirement, scope: Scope) -> exp.Expr:
    """The test, or any alternative whose condition and test both hold: Kleene OR of Kleene ANDs = SQL's."""
    tree = paren(compile_expr(q.test, scope).tree)
    for alt in q.alternatives:
        both = exp.And(this=paren(compile_expr(alt.when, scope).tree), expression=paren(compile_expr(alt.test, scope).tree))
        tree = exp.Or(this=tree, expression=paren(both))
    return tree


def _key_columns(i: int, j: int, axis: ir.Axis) -> list[str]:
    """The fact columns of matrix i's axis j: `m{i}_k{j}` for one key, `m{i}_k{j}_{n}` for several."""
    return [f"m{i}_k{j}"] if len(axis.keys) == 1 else [f"m{i}_k{j}_{n}" for n in range(len(axis.keys))]


def _flag_columns(i: int, j: int, axis: ir.Axis) -> list[exp.Expr | None]:
    """Per key of matrix i's axis j: its `<key column>_ns` fact (the loan says it has no score) when the key has a
    `no score` line, else None."""
    return [exp.column(f"{name}_ns") if axis.flag(n) else None for n, name in enumerate(_key_columns(i, j, axis))]


def _matrix_outcome(i: int, m: ir.Matrix, invalid_from: dict[str, tuple[str, ...]],
                    rules: Sequence[ir.Rule]) -> exp.Expr:
    a = exp.column(f"m{i}_a")
    whens: list[tuple[exp.Expr, exp.Expr]] = [(_false(a), _o("not_applicable")), (is_null(a), _o("missing"))]
    for j, axis in enumerate(_axes(m)):
        # key by key: one outside its domain fails (refusing the limits), one unknown is missing
        pending: list[exp.Expr] = []
        pending_flags: list[exp.Expr | None] = []
        for name, key, flag in zip(_key_columns(i, j, axis), axis.keys, _flag_columns(i, j, axis), strict=True):
            if (invalid := _invalid_read(key, invalid_from)) is not None:
                if pending:
                    whens.append((key_unknown(pending, pending_flags), _o("missing")))
                    pending, pending_flags = [], []
                whens.append((exp.And(this=is_null(exp.column(name)), expression=paren(invalid)), _o("fail")))
            pending.append(exp.column(name))
            pending_flags.append(flag)
        whens.append((key_unknown(pending, pending_flags), _o("missing")))
        # keys outside the bands or in no line that a rule which applies already fails on (a requirement reading
        # the same input not met): the matrix points to the rule (`runtime._defer_outside`); the loan is declined
        reads = {name for k in axis.keys for name in ir.reads(k)}
        deferring = [exp.And(this=_true(exp.column(f"r{k}_a")), expression=_false(exp.column(f"r{k}_q{n}")))
                     for k, r in enumerate(rules) for n, q in enumerate(r.requirements) if reads & set(ir.reads(q))]
        if deferring:
            whens.append((exp.And(this=is_null(exp.column(f"m{i}_b{j}")), expression=paren(_or(deferring))),
                          _o("not_applicable")))
        whens.append((is_null(exp.column(f"m{i}_b{j}")), _o("fail")))
    na = [_at(i, m, r, c) for r, row in enumerate(m.cells) for c, cell in enumerate(row) if not cell.eligible]
    if na:
        whens.append((_or(na), _o("fail")))
    return case(*whens, default=_o("pass"))


def _at(i: int, m: ir.Matrix, row: int, col: int) -> exp.Expr:
    cond: exp.Expr = exp.EQ(this=exp.column(f"m{i}_b0"), expression=lit(row))
    if m.columns is not None:
        cond = exp.And(this=cond, expression=exp.EQ(this=exp.column(f"m{i}_b1"), expression=lit(col)))
    return cond


def _rule_outcome(i: int, r: ir.Rule) -> exp.Expr:
    a = exp.column(f"r{i}_a")
    qs = [exp.column(f"r{i}_q{j}") for j in range(len(r.requirements))]
    failed = _or([_false(q) for q in qs])
    unknown = _or([is_null(q) for q in qs])
    uncertain_missing: exp.Expr = exp.Boolean(this=True) if (r.reviews or not r.requirements) else \
        exp.Or(this=paren(failed), expression=paren(unknown))
    whens = [
        (_false(a), _o("not_applicable")),
        (exp.And(this=_true(a), expression=paren(failed)), _o("fail")),
        (exp.And(this=is_null(a), expression=paren(uncertain_missing)), _o("missing")),
        (unknown, _o("missing")),
    ]
    return case(*whens, default=_o("review" if r.reviews else "pass"))


def _limit_actual(lim: ir.Limit, program: ir_program.Program, vocabulary: ir_program.Vocabulary, scope: Scope) -> Sql:
    value = program.value(lim.on)
    if value is not None:
        return scope.value(lim.on, value.type)
    f = vocabulary.field(lim.on)
    if f is None:
        raise SqlError(f"limit {lim.id} is on {lim.on}, neither a value nor a field")
    return scope.field(f.name, f.type)


def _limit_stages(program: ir_program.Program, limit: str, actual: Sql, k: int, stages: list[list[exp.Expr]],
                  scope: Scope, invalid_from: dict[str, tuple[str, ...]]) -> int:
    """Columns computing limit k as `runtime._limit` does, stage by stage; returns the scale of its integers.

    Stage 0: each matrix's candidate (its cell's value when the matrix passes) and the actual value; 1: the base
    (lowest candidate); 2: its rule, and each option (base less a reduction, a cap) counting adjustments of rules
    that apply or may apply (`lim{k}_o{j}`), or only those known to apply (`lim{k}_c{j}`); 3: the lowest of each;
    4: the binding rule, the first option equal to the lowest (Python's `min` keeps the first).
    """
    consts: list[Decimal] = []
    matrices: list[tuple[int, str, list[tuple[exp.Expr, Decimal]]]] = []
    for i, m in enumerate(program.matrices):
        if limit in m.gives:
            cells: list[tuple[exp.Expr, Decimal]] = []
            for r, row in enumerate(m.cells):
                for c, cell in enumerate(row):
                    v = cell.get(limit)
                    if v is not None:
                        cells.append((_at(i, m, r, c), v))
                        consts.append(v)
            matrices.append((i, m.id, cells))
    reductions: list[tuple[int, str, Decimal | Sql]] = []
    caps: list[tuple[int, str, Decimal | Sql]] = []
    by_value: list[tuple[int, str]] = []  # (rule, value or field) of the amounts read for the loan
    for i, rule in enumerate(program.rules):
        for adj in rule.adjustments:
            if adj.limit != limit:
                continue
            amount: Decimal | Sql
            if adj.by is not None:
                amount = _ref(adj.by.name, adj.by.type, program, scope)
                by_value.append((i, adj.by.name))
            else:
                assert adj.amount is not None
                amount = adj.amount
                consts.append(adj.amount)
            (reductions if adj.kind == "reduce" else caps).append((i, rule.id, amount))
    scale = max([actual.scale] + [const_num(c).scale for c in consts]
                + [a.scale for _i, _r, a in reductions + caps if isinstance(a, Sql)])

    # the integers the options reach (the cell less every reduction, the caps): a type that holds twice as much
    reach = [rescaled(d if isinstance(d, Sql) else const_num(d), scale).bound
             for d in [*consts, *[a for _i, _r, a in reductions + caps]]]
    width = width_for(None if None in reach else 2 * sum(b for b in reach if b is not None))

    def n(d: Decimal | Sql) -> exp.Expr:
        return widen(rescaled(d, scale), width).tree if isinstance(d, Sql) else rescale(const_num(d), scale)

    p = f"lim{k}"
    mode = program.combine_of(limit)
    # `first applicable`: the rules adjusting the limit, in program order; only the first that applies counts
    first = list(dict.fromkeys(i for i, _r, _a in sorted(reductions + caps, key=lambda x: x[0]))) \
        if mode == "first" else None
    stages[0].append(exp.alias_(rescale(actual, scale), f"{p}_actual"))
    unread = [_is(f"o_m{i}", "missing") for i, _mid, _c in matrices]  # a matrix giving it not read (9.5)
    stages[0].append(exp.alias_(_gone(by_value, program, scope, invalid_from, first, unread), f"{p}_gone"))
    for i, _mid, cells in matrices:  # the cell's value (read from the band positions, beside the outcomes), then
        # the candidate when the matrix passes (small: written out where read, no layer of its own)
        value = case(*[(c, n(v)) for c, v in cells]) if cells else exp.Null()
        stages[0].append(exp.alias_(value, f"{p}_cell{i}"))
        stages[0].append(exp.alias_(case((_is(f"o_m{i}", "pass"), exp.column(f"{p}_cell{i}"))), f"{p}_m{i}"))
    cands = [(mid, exp.column(f"{p}_m{i}")) for i, mid, _c in matrices]
    stages[1].append(exp.alias_(_least([c for _r, c in cands]) if cands else exp.cast(exp.Null(), int_type(width)), f"{p}_base"))
    base = exp.column(f"{p}_base")
    stages[2].append(exp.alias_(case(*[(exp.EQ(this=c, expression=base), _s(rid)) for rid, c in cands]) if cands
                                else exp.cast(exp.Null(), "VARCHAR"), f"{p}_base_rule"))
    base_rule = exp.column(f"{p}_base_rule")

    def options(maybe: bool) -> list[tuple[exp.Expr, exp.Expr]]:
        def on(i: int) -> exp.Expr:
            if first is not None:
                return _chosen(i, first)
            return exp.Coalesce(this=exp.column(f"r{i}_a"), expressions=[exp.Boolean(this=maybe)])

        out: list[tuple[exp.Expr, exp.Expr]] = []
        total: exp.Expr = lit(0) if width == 32 else exp.cast(lit(0), int_type(width))
        for i, _rid, amount in reductions:
            total = exp.Add(this=total, expression=case((on(i), n(amount)), default=lit(0)))
        if mode == "caps_first":  # the lowest of the cell and the caps, less every reduction
            return [(exp.Sub(this=v, expression=paren(total)) if reductions else v, r)
                    for v, r in [(base, base_rule)] + [(case((on(i), n(amount))), _s(rid)) for i, rid, amount in caps]]
        if mode == "stacked":
            out.append((exp.Sub(this=base, expression=paren(total)), base_rule))
        else:  # lowest wins, and `first applicable` (only the first rule that applies is `on`)
            out.append((base, base_rule))
            for i, rid, amount in reductions:
                out.append((case((on(i), exp.Sub(this=base, expression=n(amount)))), _s(rid)))
        for i, rid, amount in caps:
            out.append((case((on(i), n(amount))), _s(rid)))
        return out

    maybe, known = options(True), options(False)
    for j, ((v_maybe, _r), (v_known, _r2)) in enumerate(zip(maybe, known, strict=True)):
        stages[2] += [exp.alias_(v_maybe, f"{p}_o{j}"), exp.alias_(v_known, f"{p}_c{j}")]
    # a matrix giving the limit that applies and refuses the loan (N/A cell, outside its bands: its outcome is
    # `fail`) leaves the limit without a value and without a binding rule, whatever the caps (language.md 15.2)
    refused = [exp.Or(this=_is(f"o_m{i}", "fail"),
                      expression=paren(exp.And(this=_is(f"o_m{i}", "not_applicable"), expression=_true(exp.column(f"m{i}_a")))))
               for i, _mid, _c in matrices]
    lowest = _least([exp.column(f"{p}_o{j}") for j in range(len(maybe))])
    if by_value or first or unread:  # an amount not known, a matrix not read: no value (fails or is missing)
        lowest = case((exp.Not(this=is_null(exp.column(f"{p}_gone"))), exp.Null()), default=lowest)
    stages[3] += [exp.alias_(case((_or(refused), exp.Null()), default=lowest) if refused else lowest, p),
                  exp.alias_(case((_or(refused), exp.Null()), default=exp.column(f"{p}_gone")) if refused
                             else exp.column(f"{p}_gone"), f"{p}_gone_now"),
                  exp.alias_(_least([exp.column(f"{p}_c{j}") for j in range(len(known))]), f"{p}_certain")]
    rules = [r if isinstance(r, exp.Literal) else exp.column(f"{p}_base_rule") for _v, r in maybe]
    stages[4].append(exp.alias_(case(*[(exp.EQ(this=exp.column(f"{p}_o{j}"), expression=exp.column(p)), rules[j])
                                       for j in range(len(maybe))]), f"{p}_rule"))
    return scale


def _ref(name: str, t: ir_types.Type, program: ir_program.Program, scope: Scope) -> Sql:
    """The value or field a reduction or cap names, as the scaled integer the limit's arithmetic uses."""
    return scope.value(name, t) if program.value(name) is not None else scope.field(name, t)


def _chosen(i: int, rules: list[int]) -> exp.Expr:
    """`first applicable`: rule i applies and no rule adjusting the limit before it does (each surely does not)."""
    before = rules[:rules.index(i)]
    return _and([_true(exp.column(f"r{i}_a"))] + [_false(exp.column(f"r{j}_a")) for j in before])


def _gone(by_value: list[tuple[int, str]], program: ir_program.Program, scope: Scope,
          invalid_from: dict[str, tuple[str, ...]], first: list[int] | None = None,
          unread: list[exp.Expr] | None = None) -> exp.Expr:
    """`runtime._unresolved`: TRUE when a rule that surely applies reduces or caps by a value its table says is N/A
    (or outside its domain), else FALSE when one that (may) apply does so by a value not known, else NULL. Under
    `first applicable` (`first`: the adjusting rules in order) only the first rule that applies counts, and one
    before it whose `when` is unknown is FALSE. `unread`: a matrix giving the limit is not read (missing): FALSE
    too (the limit is unknown), unless TRUE."""
    if not by_value and not first and not unread:
        return exp.cast(exp.Null(), "BOOLEAN")
    sure: list[exp.Expr] = []
    maybe: list[exp.Expr] = list(unread or [])
    if first:
        maybe += [_and([is_null(exp.column(f"r{i}_a"))] + [_false(exp.column(f"r{j}_a")) for j in first[:n]])
                  for n, i in enumerate(first)]
    for i, name in by_value:
        a = _chosen(i, first) if first is not None else exp.column(f"r{i}_a")
        ref = exp.column(scope.value_prefix + name, quoted=True) if program.value(name) is not None \
            else scope.field_column(name)
        bad = invalid_col(name) if name in invalid_from else None
        unknown = exp.Or(this=is_null(ref), expression=paren(bad)) if bad is not None else is_null(ref)
        not_available = exp.Or(this=paren(bad), expression=exp.Not(this=paren(_reach(name, program, scope)))) \
            if bad is not None else exp.Not(this=paren(_reach(name, program, scope)))
        sure.append(exp.And(this=_true(a), expression=exp.And(this=paren(unknown), expression=paren(not_available))))
        on = a if first is not None else exp.Coalesce(this=a, expressions=[exp.Boolean(this=True)])
        maybe.append(exp.And(this=on, expression=paren(unknown)))
    if not sure:
        return case((_or(maybe), exp.Boolean(this=False)))
    return case((_or(sure), exp.Boolean(this=True)), (_or(maybe), exp.Boolean(this=False)))


def _reach(name: str, program: ir_program.Program, scope: Scope) -> exp.Expr:
    """`runtime.missing((name,))` is not empty: a field unknown, or a value unknown that needs one that is."""
    value = program.value(name)
    if value is None:
        return is_null(scope.field_column(name))
    inner = [_reach(n, program, scope) for n in ir_names.needs(value.body)]
    if not inner:
        return exp.Boolean(this=False)
    return exp.And(this=is_null(exp.column(scope.value_prefix + name, quoted=True)), expression=_or(inner))


def _decimal(e: exp.Expr, scale: int) -> exp.Expr:
    """A scaled integer as an exact DECIMAL(20, scale)."""
    whole = exp.cast(e, exp.DataType.build("DECIMAL(38, 0)"))
    if scale == 0:
        return exp.cast(whole, exp.DataType.build("DECIMAL(20, 0)"))
    step = exp.cast(_s(f"{Decimal(1).scaleb(-scale):f}"), exp.DataType.build(f"DECIMAL({scale + 1}, {scale})"))
    return exp.cast(exp.Mul(this=whole, expression=step), exp.DataType.build(f"DECIMAL(20, {scale})"))


__all__ = ["COND_SEP", "SEP", "field_places", "program_query"]


def generate(bundle: ir_program.Bundle) -> dict[str, str]:
    """Each program's screening query as DuckDB SQL over the typed tape table `tape` (`compiler.screen.tape`), by
    file name: `<program id>.sql`: the query `glc screen` runs on DuckDB (no column written out: `small=0`)."""
    limits = [lim.id for lim in bundle.vocabulary.limits]
    source = from_source(exp.select(exp.Star()).from_("tape"), "tape_rows")
    return {f"{p.id}.sql": program_query(p, bundle.vocabulary, source, limits, small=0).sql(dialect="duckdb") + "\n"
            for p in bundle.programs}
