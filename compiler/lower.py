"""Surface AST to checked IR: the vocabulary, then each program after inheritance.

Consumes `surface.Vocabulary` and `inherit.Effective` programs; produces `ir.Vocabulary` and
`ir.Program`s. Resolves every name, types every expression (`lower_expr`), turns bands and tables into
exact intervals and checks them (`bands`), attaches citations and stable ids. Problems are reported to
the collector; a program with errors is still lowered as far as possible so that all problems show.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TypeVar

from compiler import ir
from compiler import surface as s
from compiler.bands import check_bands
from compiler.diagnostics import Diagnostics, did_you_mean
from compiler.inherit import INHERITED_KEYS, Effective, Item
from compiler.lower_expr import BARE, ExprLowerer, Scope, _dims, _type_of_dims, finish_tree, finished
from compiler.source import Span
from compiler.wording import band_label

_C = TypeVar("_C", bound="s.Cite | s.When | s.Gives")

DEFAULT_PLACES = {"integer": 0, "months": 0, "money": 2, "percent": 2, "ratio": 3}
MONEY_UNITS = ("USD", "USD per month")

# ------------------------------------------------------------------ bands and literals


def literal_fits(lit: s.Literal, t: ir.Type) -> bool:
    """Can this literal stand for a value of type t?"""
    if t.kind == "percent":
        return lit.kind == "percent"
    if t.kind == "money":
        return lit.kind in ("money", "number")
    if t.kind == "months":
        return lit.kind in ("months", "number")
    if t.kind in ("integer", "ratio"):
        return lit.kind == "number"
    return False


def describe_literal_kind(t: ir.Type) -> str:
    return {
        "percent": "a percent like `80%`",
        "money": "an amount like `$1,000,000`",
        "months": "months like `24 months`",
        "integer": "a whole number like `660`",
        "ratio": "a plain number like `1.25`",
    }.get(t.kind, t.describe())


def lower_band(band: s.Band, t: ir.Type, what: str, diags: Diagnostics) -> ir.Band | None:
    ok = True
    for lit in (band.low, band.high):
        if lit is not None and not literal_fits(lit, t):
            diags.error(
                "E406",
                f"`{lit.text}` does not fit {what}, which is {t.a()}.",
                lit.span,
                f"Write the band edges as {describe_literal_kind(t)}.",
            )
            ok = False
    if not ok:
        return None
    low = band.low.value if band.low else None
    high = band.high.value if band.high else None
    assert low is None or isinstance(low, Decimal)
    assert high is None or isinstance(high, Decimal)
    label = band_label(low, band.low_inclusive, high, band.high_inclusive, t.kind, t.unit)
    return ir.Band(low, band.low_inclusive, high, band.high_inclusive, label, band.span)


def literal_decimal(lit: s.Literal) -> Decimal:
    assert isinstance(lit.value, Decimal)
    return lit.value


def _decimals(text: str) -> int:
    t = text.rstrip("%").replace(",", "").split()[0].lstrip("$")
    if t[-1:] in ("M", "K"):
        return 0
    return len(t.split(".")[1]) if "." in t else 0


# ------------------------------------------------------------------ values


@dataclass
class ValueTable:
    """The derived values visible in one program, lowered on first use (dependency order, cycles reported)."""

    decls: dict[str, tuple[s.ValueDecl, str, str]]  # name -> (decl, origin, section)
    diags: Diagnostics
    make_scope: Callable[[ValueTable], Scope]
    fields: dict[str, ir.Field]
    done: dict[str, ir.Value | None] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)
    active: list[str] = field(default_factory=list)

    def names(self) -> list[str]:
        return list(self.decls)

    def type_of(self, name: str, span: Span) -> ir.Type | None:
        v = self.get(name, span)
        return v.type if v else None

    def get(self, name: str, span: Span | None = None) -> ir.Value | None:
        if name in self.done:
            return self.done[name]
        if name in self.active:
            cycle = " -> ".join([*self.active[self.active.index(name):], name])
            decl = self.decls[name][0]
            self.diags.error("E322", f"Values depend on each other in a circle: {cycle}.", span or decl.name_span,
                             "Define one of them without the other.")
            return None
        self.active.append(name)
        decl, origin, section = self.decls[name]
        value = lower_value(decl, origin, section, self.make_scope(self), self, self.diags)
        self.active.pop()
        self.done[name] = value
        if value is not None:
            self.order.append(name)
        return value

    def all(self) -> tuple[ir.Value, ...]:
        for name in self.decls:
            self.get(name)
        return tuple(v for n in self.order if (v := self.done.get(n)) is not None)

    def places(self, name: str) -> int | None:
        v = self.done.get(name)
        return v.places if v else None


def infer_places(x: ir.Expr, fields: dict[str, ir.Field], values: ValueTable) -> int | None:
    """How many decimals a value can have (None: unbounded), for band gap checks."""
    if isinstance(x, ir.FieldRef):
        f = fields.get(x.name)
        return f.places if f else None
    if isinstance(x, ir.ValueRef):
        return values.places(x.name)
    if isinstance(x, ir.Const):
        return _decimals(x.text) if isinstance(x.value, Decimal) else 0
    if isinstance(x, (ir.DivRound, ir.Round)):
        return x.rounding.places
    if isinstance(x, (ir.MonthsSince, ir.MonthsSinceLatest, ir.CountLates)):
        return 0
    if isinstance(x, ir.Scale):
        inner = infer_places(x.operand, fields, values)
        return None if inner is None else max(inner - x.power, 0)
    if isinstance(x, ir.Neg):
        return infer_places(x.operand, fields, values)
    if isinstance(x, ir.Arith):
        a, b = infer_places(x.left, fields, values), infer_places(x.right, fields, values)
        if a is None or b is None:
            return None
        return a + b if x.op == "*" else max(a, b)
    if isinstance(x, ir.Lookup):
        return None
    parts: list[ir.Expr] = []
    if isinstance(x, ir.Extremum):
        parts = list(x.args)
    elif isinstance(x, ir.IfThenElse):
        parts = [x.then, x.otherwise]
    elif isinstance(x, ir.Default):
        parts = [x.operand, x.fallback]
    got = [infer_places(p, fields, values) for p in parts]
    if not got or any(g is None for g in got):
        return None
    return max(g for g in got if g is not None)


def value_refs(x: object) -> set[str]:
    """Names of the values an expression uses."""
    import dataclasses

    out: set[str] = set()
    if isinstance(x, ir.ValueRef):
        out.add(x.name)
    if dataclasses.is_dataclass(x) and not isinstance(x, type):
        for f in dataclasses.fields(x):
            v = getattr(x, f.name)
            if isinstance(v, tuple):
                for item in v:
                    out |= value_refs(item)
            elif dataclasses.is_dataclass(v):
                out |= value_refs(v)
    return out


def lower_value(decl: s.ValueDecl, origin: str, section: str, scope: Scope, table: ValueTable,
                diags: Diagnostics) -> ir.Value | None:
    lowerer = ExprLowerer(scope, diags)
    cite = decl.cites[0].text if decl.cites else None
    if not decl.cites and origin != "vocabulary":
        diags.warning("W101", f"Value `{decl.name}` has no citation.", decl.name_span,
                      "Add `cite \"<section, page>\"` on the line after the value.")
    if len(decl.cites) > 1:
        diags.error("E230", "A value has one `cite` line.", decl.cites[1].span, "Merge the citations into one line.")
    title = decl.title or decl.name
    if decl.table is not None and decl.key is not None:
        lookup = lower_lookup(decl, lowerer, table, diags)
        if lookup is None:
            return None
        return ir.Value(decl.name, title, lookup, lookup.type, None, infer_places_lookup(lookup), cite, decl.notes,
                        origin, section, tuple(sorted(value_refs(lookup))), decl.span)
    assert decl.expr is not None
    rounding = None
    if decl.rounding is not None:
        if decl.rounding.places < 0 or decl.rounding.places > 10:
            diags.error("E321", "Round to between 0 and 10 decimals.", decl.rounding.span, "Write e.g. `to 2 decimals`.")
            return None
        rounding = ir.Rounding(decl.rounding.mode, decl.rounding.places)  # type: ignore[arg-type]
    body = _value_body(decl.expr, rounding, lowerer, diags, top=True)
    if body is None:
        return None
    body = finish_tree(body)
    if rounding is not None and not body.type.numeric:
        diags.error("E323", f"Only numbers are rounded; `{decl.name}` is {body.type.describe()}.", decl.rounding.span if decl.rounding else decl.span,
                    "Remove the rounding.")
        return None
    places = rounding.places if rounding else infer_places(body, table.fields, table)
    return ir.Value(decl.name, title, body, body.type, rounding, places, cite, decl.notes, origin, section,
                    tuple(sorted(value_refs(body))), decl.span)


def infer_places_lookup(lookup: ir.Lookup) -> int | None:
    got = [_decimals(f"{r}") for r in lookup.results if r is not None]
    return max(got) if got else 0


def _contains_division(e: s.Expr) -> bool:
    if isinstance(e, s.Binary):
        return e.op == "/" or _contains_division(e.left) or _contains_division(e.right)
    for attr in ("operand", "fallback", "cond", "then", "otherwise", "left", "right"):
        sub = getattr(e, attr, None)
        if sub is not None and not isinstance(sub, (str, bool)) and _contains_division(sub):
            return True
    return any(_contains_division(a) for a in getattr(e, "args", ()))


def _value_body(e: s.Expr, rounding: ir.Rounding | None, lowerer: ExprLowerer, diags: Diagnostics,
                top: bool = False) -> ir.Expr | None:
    """A value's expression with its rounding pushed to where it applies: each division, or each branch."""
    as_percent = isinstance(e, s.AsPercent) and isinstance(e.operand, s.Binary) and e.operand.op == "/"
    if (isinstance(e, s.Binary) and e.op == "/") or as_percent:
        div = e.operand if isinstance(e, s.AsPercent) else e
        assert isinstance(div, s.Binary)
        if rounding is None:
            diags.error("E320", "A value that divides must say how it is rounded.", div.span,
                        "Add the rounding after the expression, e.g. `, rounded up to 2 decimals`.")
            return None
        num, den = lowerer.expr(div.left), lowerer.expr(div.right)
        if num is None or den is None:
            return None
        for side, src in ((num, div.left), (den, div.right)):
            if not side.type.numeric:
                diags.error("E308", f"`/` needs numbers, but this is {side.type.describe()}.", src.span,
                            "Divide amounts, percents, ratios or months.")
                return None
        num, den = lowerer.adapt_pair(num, den)
        num, den = lowerer._as_ratio(num), lowerer._as_ratio(den)
        nd, dd = _dims(finished(num.type)), _dims(finished(den.type))
        result = _type_of_dims({k: nd.get(k, 0) - dd.get(k, 0) for k in {*nd, *dd}}) if nd is not None and dd is not None else None
        if den.type in (BARE,):
            result = finished(num.type)
        if result is None:
            diags.error("E309", f"Dividing {finished(num.type).describe()} by {finished(den.type).describe()} gives no unit the language knows.",
                        div.span, "Divide money by money (a ratio), money by months (per month) or money by a monthly amount (months).")
            return None
        if as_percent:
            if result.kind != "ratio":
                diags.error("E310", f"Only a ratio can be shown `as percent`; this is {result.describe()}.", e.span,
                            "Use `as percent` on a division of two amounts of the same unit.")
                return None
            return ir.DivRound(ir.Scale(num, 2, num.type, div.span), den, rounding, ir.PERCENT, e.span)
        return ir.DivRound(num, den, rounding, result, e.span)
    if isinstance(e, s.IfThenElse):
        cond = lowerer.condition(e.cond)
        a = _value_body(e.then, rounding, lowerer, diags)
        b = _value_body(e.otherwise, rounding, lowerer, diags)
        if cond is None or a is None or b is None:
            return None
        a, b = lowerer.adapt_pair(a, b)
        if not lowerer.same_type(a.type, b.type):
            diags.error("E301", f"The two branches of `if` differ: {finished(a.type).describe()} and {finished(b.type).describe()}.",
                        e.otherwise.span, "Both branches must give the same type and unit.")
            return None
        return ir.IfThenElse(cond, a, b, finished(a.type), e.span)
    if isinstance(e, s.Extremum) and _contains_division(e):
        args = [_value_body(a, rounding, lowerer, diags) for a in e.args]
        if any(a is None for a in args):
            return None
        typed = [a for a in args if a is not None]
        if any(not lowerer.same_type(a.type, typed[0].type) for a in typed):
            diags.error("E301", f"`{e.kind} of` compares values of one type.", e.span, "Give values of the same type and unit.")
            return None
        return ir.Extremum(e.kind, tuple(typed), finished(typed[0].type), e.span)
    x = lowerer.expr(e)
    if x is None:
        return None
    if rounding is not None and x.type.numeric:
        return ir.Round(x, rounding, finished(x.type), e.span)
    return x


def lower_lookup(decl: s.ValueDecl, lowerer: ExprLowerer, table: ValueTable, diags: Diagnostics) -> ir.Lookup | None:
    assert decl.key is not None and decl.table is not None
    key = lowerer.number(decl.key, "lookup key")
    if key is None:
        return None
    rows = decl.table.rows
    if len(rows) < 2:
        diags.error("E407", "A lookup table needs a header line and at least one band line.", decl.table.span,
                    "Add lines like `| <= $1,000,000 | 6 months |`.")
        return None
    bands: list[ir.Band] = []
    results: list[Decimal | None] = []
    result_type: ir.Type | None = None
    ok = True
    for row in rows[1:]:
        if len(row.cells) != 2:
            diags.error("E404", f"A lookup line has 2 cells (band, value), this one has {len(row.cells)}.", row.span,
                        "Write `| band | value |`.")
            ok = False
            continue
        band_cell, value_cell = row.cells
        band = _band_cell(band_cell, key.type, f"`{_axis_label(decl.key)}`", diags)
        if band is None:
            ok = False
            continue
        bands.append(band)
        if value_cell.kind == "na":
            results.append(None)
            continue
        if value_cell.kind != "value" or value_cell.value is None or not isinstance(value_cell.value.value, Decimal):
            diags.error("E405", "A lookup value must be a number, an amount, a percent, months or N/A.", value_cell.span,
                        "Write e.g. `6 months`, `$2,500`, `80%` or `N/A`.")
            ok = False
            continue
        t = lowerer.lower_Literal(value_cell.value)
        assert t is not None
        vt = finished(t.type)
        if result_type is None:
            result_type = vt
        elif not lowerer.same_type(vt, result_type):
            diags.error("E301", f"Every value of a lookup has one type: this is {vt.describe()}, the first is {result_type.describe()}.",
                        value_cell.span, "Write all values in the same unit.")
            ok = False
            continue
        results.append(literal_decimal(value_cell.value))
    if not ok or result_type is None:
        return None
    check_bands(bands, key.type.kind, infer_places(key, table.fields, table), f"`{_axis_label(decl.key)}`", diags)
    axis = ir.Axis(key, tuple(bands), _axis_label(decl.key), decl.key.span)
    return ir.Lookup(axis, tuple(results), result_type, decl.span)


def _axis_label(e: s.Expr) -> str:
    if isinstance(e, s.Name):
        return e.name
    if isinstance(e, s.MonthsSinceLatest):
        kinds = ", ".join(k.name for k in e.kinds)
        return f"months since latest {e.list_name.name}" + (f" of ({kinds})" if kinds else "")
    if isinstance(e, s.MonthsSince):
        return f"months since {e.date.name}"
    return "value"


def _band_cell(cell: s.Cell, t: ir.Type, what: str, diags: Diagnostics) -> ir.Band | None:
    if cell.kind == "band" and cell.band is not None:
        return lower_band(cell.band, t, what, diags)
    if cell.kind == "value" and cell.value is not None and isinstance(cell.value.value, Decimal):
        # a single number as a band: exactly that value
        lit = cell.value
        if not literal_fits(lit, t):
            diags.error("E406", f"`{lit.text}` does not fit {what}, which is {t.a()}.", lit.span,
                        f"Write the band as {describe_literal_kind(t)}.")
            return None
        v = literal_decimal(lit)
        return ir.Band(v, True, v, True, band_label(v, True, v, True, t.kind, t.unit).split("-")[0], cell.span)
    diags.error("E408", f"Expected a band of {what} here, like `660..679`, `740+` or `<= $1,000,000`.", cell.span,
                "Write the band in the first cell of the line.")
    return None


# ------------------------------------------------------------------ vocabulary


def lower_field(decl: s.FieldDecl, section: str, records: dict[str, s.RecordDecl], diags: Diagnostics) -> ir.Field | None:
    for sp in decl.duplicate_props:
        diags.error("E224", "This property is given twice for the field.", sp, "Keep one of the two lines.")
    if decl.type is None:
        diags.error("E220", f"Field `{decl.name}` has no `type:` line.", decl.span,
                    "Add e.g. `type: money` under the field.")
        return None
    ts = decl.type
    kind = ts.kind
    unit = str(decl.unit) if decl.unit else ""
    if kind == "enum":
        names = [v.name for v in ts.values]
        for n, v in enumerate(ts.values):
            if v.name in names[:n]:
                diags.error("E221", f"`{v.name}` is listed twice among the values of `{decl.name}`.", v.span,
                            "Remove the repeated value.")
        labels = {v.name: v.title or v.name for v in reversed(ts.values)}
        unique = tuple(dict.fromkeys(names))
        t = ir.Type("enum", enum=decl.name, values=unique, labels=tuple(labels[n] for n in unique))
    elif kind == "list":
        assert ts.record is not None
        if ts.record.name not in records:
            diags.error("E204", f"Unknown record `{ts.record.name}`.{did_you_mean(ts.record.name, records)}", ts.record.span,
                        "Declare it with `record <name>` ... `end` in the vocabulary.")
            return None
        t = ir.Type("list", record=ts.record.name)
    elif kind == "money":
        unit = unit or "USD"
        if unit not in MONEY_UNITS:
            diags.error("E222", f"Money is in `USD` or `USD per month`, not `{unit}`.",
                        decl.unit.span if decl.unit else ts.span, "Write `unit: USD` or `unit: USD per month`.")
            return None
        t = ir.Type("money", unit=unit)
    elif kind == "months":
        t = ir.MONTHS
    elif kind == "integer":
        t = ir.Type("integer", unit=unit)
    else:
        if unit and kind in ("percent", "ratio", "date", "yesno", "text"):
            diags.error("E223", f"A {kind} field has no unit.", decl.unit.span if decl.unit else ts.span,
                        "Remove the `unit:` line.")
        t = ir.Type(kind)  # type: ignore[arg-type]
    places = decl.places
    if places is not None and (not t.numeric or places < 0 or places > 10):
        diags.error("E225", "`precision:` applies to numbers only, between 0 and 10 decimals.", decl.span,
                    "Write `precision: 2 decimals` or `precision: whole dollars` on a numeric field.")
        places = None
    if places is None and t.numeric:
        places = DEFAULT_PLACES[t.kind]
    rng = None
    if decl.range is not None:
        if not t.numeric:
            diags.error("E226", f"A {t.describe()} field has no range.", decl.range.span, "Remove the `range:` line.")
        else:
            rng = lower_band(decl.range, t, f"`{decl.name}`", diags)
            if rng is not None:
                from compiler.bands import check_band

                check_band(rng, t.kind, diags)
    if not decl.description:
        diags.warning("W103", f"Field `{decl.name}` has no description.", decl.span,
                      "Add `description: \"...\"`: developers and the documentation site read it.")
    return ir.Field(decl.name, decl.title or decl.name, t, places, rng, decl.description or "", section, decl.span)


def collect_vocabulary_fields(
    decl: s.Vocabulary, diags: Diagnostics
) -> tuple[dict[str, ir.Field], dict[str, ir.Record]]:
    records_decl = {i.name: i for i in decl.items if isinstance(i, s.RecordDecl)}
    fields: dict[str, ir.Field] = {}
    records: dict[str, ir.Record] = {}
    section = ""
    for item in decl.items:
        if isinstance(item, s.Section):
            section = item.title
        elif isinstance(item, s.FieldDecl):
            if item.name in fields:
                diags.error("E206", f"Field `{item.name}` is declared twice.", item.span, "Remove or rename one of them.")
                continue
            f = lower_field(item, section, records_decl, diags)
            if f is not None:
                fields[item.name] = f
        elif isinstance(item, s.RecordDecl):
            if item.name in records:
                diags.error("E206", f"Record `{item.name}` is declared twice.", item.span, "Remove or rename one of them.")
                continue
            inner = [lower_field(f, section, records_decl, diags) for f in item.fields]
            records[item.name] = ir.Record(item.name, item.title or item.name, tuple(f for f in inner if f), item.span)
    return fields, records


# ------------------------------------------------------------------ programs


@dataclass
class ProgramContext:
    """Everything lowering one program needs."""

    fields: dict[str, ir.Field]
    records: dict[str, ir.Record]
    limits: dict[str, ir.Limit]
    diags: Diagnostics


def make_value_table(value_decls: dict[str, tuple[s.ValueDecl, str, str]], fields: dict[str, ir.Field],
                     records: dict[str, ir.Record], limits: dict[str, ir.Limit], as_of: str,
                     diags: Diagnostics) -> ValueTable:
    def make_scope(table: ValueTable) -> Scope:
        return Scope(fields, records, limits, table.type_of, table.names, as_of)

    return ValueTable(value_decls, diags, make_scope, fields)


def lower_limits(decls: list[s.LimitDecl], fields: dict[str, ir.Field], values: ValueTable,
                 diags: Diagnostics) -> dict[str, ir.Limit]:
    limits: dict[str, ir.Limit] = {}
    for d in decls:
        if d.name in limits:
            diags.error("E206", f"Limit `{d.name}` is declared twice.", d.span, "Remove or rename one of them.")
            continue
        if d.on.name in fields:
            t = fields[d.on.name].type
        elif d.on.name in values.names():
            vt = values.type_of(d.on.name, d.on.span)
            if vt is None:  # the value is broken and already reported: keep the limit, typed as declared
                decl_value = values.decls[d.on.name][0]
                t = ir.PERCENT if isinstance(decl_value.expr, s.AsPercent) else ir.RATIO
                limits[d.name] = ir.Limit(d.name, d.title or d.name, d.on.name, t, d.span)
                continue
            t = vt
        else:
            diags.error("E201", f"Unknown field `{d.on.name}`.{did_you_mean(d.on.name, [*fields, *values.names()])}", d.on.span,
                        "A limit bounds a numeric field or value, e.g. `limit max_ltv on ltv`.")
            continue
        if not t.numeric:
            diags.error("E305", f"A limit bounds a number, but `{d.on.name}` is {t.describe()}.", d.on.span,
                        "Name a numeric field or value.")
            continue
        limits[d.name] = ir.Limit(d.name, d.title or d.name, d.on.name, t, d.span)
    return limits


def header_text(eff: Effective, key: str, diags: Diagnostics, required: bool = True) -> str | None:
    line = eff.header.get(key)
    if line is None:
        inherited = eff.base_broken and key in INHERITED_KEYS
        misspelled = any(did_you_mean(k, [key]) for k in eff.unknown_keys)
        if required and not inherited and not misspelled:
            diags.error("E212", f"Program `{eff.decl.name}` has no `{key}:` line.", eff.decl.name_span,
                        f"Add `{key}: ...` under `program {eff.decl.name}`.")
        return None
    if isinstance(line.value, (dt.date, Decimal)):
        return str(line.value)
    return line.value


def lower_program(eff: Effective, vocab: ir.Vocabulary, shared_values: dict[str, tuple[s.ValueDecl, str]],
                  limit_decls: list[s.LimitDecl], path: str, sha256: str, diags: Diagnostics) -> ir.Program | None:
    """One program, inheritance already applied."""
    decl = eff.decl
    fields = {f.name: f for f in vocab.fields}
    records = {r.name: r for r in vocab.records}

    title = header_text(eff, "title", diags)
    investor = header_text(eff, "investor", diags, required=eff.kind != "overlay")
    lender = header_text(eff, "lender", diags, required=eff.kind == "overlay")
    family = header_text(eff, "family", diags)
    version = header_text(eff, "version", diags)
    source_doc = header_text(eff, "source", diags)
    effective = _effective_date(eff, diags)
    as_of = _seasoning_date(eff, fields, diags)
    combine = _combine(eff, diags)

    value_decls: dict[str, tuple[s.ValueDecl, str, str]] = {
        name: (d, "vocabulary", section) for name, (d, section) in shared_values.items()
    }
    for item in eff.items:
        if isinstance(item.decl, s.ValueDecl):
            value_decls[item.decl.name] = (item.decl, item.origin, item.section)
    values = make_value_table(value_decls, fields, records, {}, as_of, diags)
    limits = lower_limits(limit_decls, fields, values, diags)
    values.make_scope = lambda table: Scope(fields, records, limits, table.type_of, table.names, as_of)
    scope = values.make_scope(values)
    lowerer = ExprLowerer(scope, diags)

    matrices: list[ir.Matrix] = []
    rules: list[ir.Rule] = []
    for item in eff.items:
        if isinstance(item.decl, s.MatrixDecl):
            m = lower_matrix(item, lowerer, limits, values, diags)
            if m is not None:
                matrices.append(m)
        elif isinstance(item.decl, s.RuleDecl):
            r = lower_rule(item, lowerer, limits, diags)
            if r is not None:
                rules.append(r)
    all_values = values.all()
    if title is None or family is None or version is None or source_doc is None or effective is None:
        return None
    dropped = tuple(ir.Dropped(d.kind, d.name, d.reason, d.span) for d in eff.dropped)
    return ir.Program(
        id=decl.name, title=title, investor=investor or "", lender=lender, family=family, version=version,
        effective=effective, source_document=source_doc, kind=eff.kind, base=eff.base,  # type: ignore[arg-type]
        seasoning_date=as_of, combine=combine, values=all_values, limits=tuple(limits.values()),
        matrices=tuple(matrices), rules=tuple(rules), dropped=dropped, path=path, sha256=sha256, span=decl.span,
    )


def _effective_date(eff: Effective, diags: Diagnostics) -> dt.date | None:
    line = eff.header.get("effective")
    if line is None:
        if any(did_you_mean(k, ["effective"]) for k in eff.unknown_keys):
            return None
        diags.error("E212", f"Program `{eff.decl.name}` has no `effective:` line.", eff.decl.name_span,
                    "Add `effective: 2026-01-01` (the date this version takes effect).")
        return None
    if isinstance(line.value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", line.value):
        try:
            return dt.date.fromisoformat(line.value)
        except ValueError:
            diags.error("E120", f"`{line.value}` is not a real calendar date.", line.value_span,
                        "Write the effective date as YYYY-MM-DD, e.g. 2026-01-01.")
            return None
    if not isinstance(line.value, dt.date):
        diags.error("E213", "`effective:` must be a date like 2026-01-01.", line.value_span,
                    "Write the date as YYYY-MM-DD without quotes.")
        return None
    return line.value


def _seasoning_date(eff: Effective, fields: dict[str, ir.Field], diags: Diagnostics) -> str:
    line = eff.header.get("seasoning_date")
    if line is None:
        return "application_date"
    name = str(line.value)
    f = fields.get(name)
    if f is None or f.type.kind != "date":
        dates = [n for n, f in fields.items() if f.type.kind == "date"]
        diags.error("E214", f"`seasoning_date:` must name a date field; `{name}` is not one.{did_you_mean(name, dates)}",
                    line.value_span, "Use `application_date` or `note_date`.")
    return name


def _combine(eff: Effective, diags: Diagnostics) -> ir.CombineMode:
    line = eff.header.get("adjustments")
    if line is None:
        return "lowest"
    text = str(line.value)
    if text == "lowest wins":
        return "lowest"
    if text == "stacked":
        return "stacked"
    diags.error("E215", f"`adjustments:` is `lowest wins` or `stacked`, not `{text}`.", line.value_span,
                "`lowest wins`: each reduction or cap gives its own limit and the lowest applies; "
                "`stacked`: reductions add up, then caps apply.")
    return "lowest"


# ------------------------------------------------------------------ matrices


def lower_matrix(item: Item, lowerer: ExprLowerer, limits: dict[str, ir.Limit], values: ValueTable,
                 diags: Diagnostics) -> ir.Matrix | None:
    decl = item.decl
    assert isinstance(decl, s.MatrixDecl)
    cite = _one(decl.clauses, s.Cite, "cite", diags)
    when_clause = _one(decl.clauses, s.When, "when", diags)
    gives = _one(decl.clauses, s.Gives, "gives", diags)
    rows_dim = next((c for c in decl.clauses if isinstance(c, s.Dimension) and c.kind == "rows"), None)
    cols_dim = next((c for c in decl.clauses if isinstance(c, s.Dimension) and c.kind == "columns"), None)
    for kind in ("rows", "columns"):
        dims = [c for c in decl.clauses if isinstance(c, s.Dimension) and c.kind == kind]
        if len(dims) > 1:
            diags.error("E230", f"A matrix has one `{kind}` line.", dims[1].span, "Remove the extra line.")
    notes = tuple(c.text for c in decl.clauses if isinstance(c, s.Note))
    if cite is None:
        diags.warning("W101", f"Matrix `{decl.name}` has no citation.", decl.name_span,
                      "Add `cite \"<section, page>\"` naming where the source document states it.")
    when = lowerer.condition(when_clause.cond) if when_clause else None
    if gives is None:
        diags.error("E411", f"Matrix `{decl.name}` does not say which limits it gives.", decl.name_span,
                    "Add `gives max_ltv, max_cltv` (the limits its cells set).")
        return None
    if rows_dim is None:
        diags.error("E412", f"Matrix `{decl.name}` does not say what its rows are.", decl.name_span,
                    "Add `rows fico` (and `columns loan_amount` for a two-way grid).")
        return None
    given: list[ir.Limit] = []
    for n in gives.limits:
        if n.name not in limits:
            diags.error("E207", f"Unknown limit `{n.name}`.{did_you_mean(n.name, limits)}", n.span,
                        "Limits are declared in programs/loan.fields: " + ", ".join(limits) + ".")
            return None
        given.append(limits[n.name])
    row_expr = lowerer.number(rows_dim.expr, "rows")
    col_expr = lowerer.number(cols_dim.expr, "columns") if cols_dim else None
    if row_expr is None or (cols_dim is not None and col_expr is None):
        return None
    table = decl.table
    if len(table.rows) < 2:
        diags.error("E407", "A matrix table needs a header line and at least one row.", table.span,
                    "Add the rows, e.g. `| 740+ | 90% | 85% |`.")
        return None
    header = table.rows[0]
    row_label = _axis_label(rows_dim.expr)
    col_label = _axis_label(cols_dim.expr) if cols_dim else ""
    col_bands: list[ir.Band] = []
    ok = True
    if col_expr is not None:
        for cell in header.cells[1:]:
            band = _band_cell(cell, col_expr.type, f"`{col_label}`", diags)
            if band is None:
                ok = False
            else:
                col_bands.append(band)
        width = len(header.cells) - 1
    else:
        width = 1
        if len(header.cells) != 2:
            diags.error("E404", f"A matrix without columns has 2 cells per line; the header has {len(header.cells)}.",
                        header.span, "Write `| FICO | max LTV |`, or add `columns <field>` for a two-way grid.")
            ok = False
    row_bands: list[ir.Band] = []
    cells: list[tuple[ir.Cell, ...]] = []
    for row in table.rows[1:]:
        if len(row.cells) != width + 1:
            diags.error(
                "E404",
                f"This row has {len(row.cells) - 1} value cell{'s' if len(row.cells) != 2 else ''}; the header has {width}.",
                row.cells[width + 1].span if len(row.cells) > width + 1 else row.span,
                "Give one cell per column (write N/A for a combination that is not eligible).",
            )
            ok = False
            continue
        band = _band_cell(row.cells[0], row_expr.type, f"`{row_label}`", diags)
        if band is None:
            ok = False
            continue
        row_bands.append(band)
        out: list[ir.Cell] = []
        for cell in row.cells[1:]:
            c = _matrix_cell(cell, given, diags)
            if c is None:
                ok = False
                c = ir.Cell(None, "?", cell.span)
            out.append(c)
        cells.append(tuple(out))
    check_bands(row_bands, row_expr.type.kind, infer_places(row_expr, values.fields, values), f"`{row_label}`", diags)
    if col_expr is not None:
        check_bands(col_bands, col_expr.type.kind, infer_places(col_expr, values.fields, values), f"`{col_label}`", diags)
    if not ok:
        return None
    rows_axis = ir.Axis(row_expr, tuple(row_bands), row_label, rows_dim.span)
    cols_axis = ir.Axis(col_expr, tuple(col_bands), col_label, cols_dim.span) if col_expr is not None and cols_dim else None
    return ir.Matrix(decl.name, decl.title or decl.name, item.section, cite.text if cite else None,
                     when, tuple(g.id for g in given), rows_axis, cols_axis, tuple(cells), notes, item.origin,
                     item.overrides, decl.span)


def _matrix_cell(cell: s.Cell, given: list[ir.Limit], diags: Diagnostics) -> ir.Cell | None:
    if cell.kind == "na":
        return ir.Cell(None, "N/A", cell.span)
    if cell.kind == "no_limit":
        return ir.Cell((), "no limit", cell.span)
    if cell.kind == "empty":
        diags.error("E405", "This cell is empty.", cell.span,
                    "Write the limit (e.g. `80%`), `N/A` when the combination is not eligible, or `no limit`.")
        return None
    if cell.kind == "pair" and cell.pair is not None:
        pct = [g for g in given if g.type.kind == "percent"]
        if len(pct) != 2 or len(given) != 2:
            diags.error("E409", "A `a% / b%` cell gives two percent limits, but the matrix does not give exactly two.",
                        cell.span, "Write `gives max_ltv, max_cltv` for LTV / CLTV cells.")
            return None
        a, b = cell.pair
        return ir.Cell(((given[0].id, literal_decimal(a)), (given[1].id, literal_decimal(b))),
                       f"{a.text} / {b.text}", cell.span)
    if cell.kind == "value" and cell.value is not None and isinstance(cell.value.value, Decimal):
        lit = cell.value
        matches = [g for g in given if literal_fits(lit, g.type)]
        if len(matches) != len(given):
            wanted = " and ".join(f"{g.id} ({describe_literal_kind(g.type)})" for g in given)
            diags.error("E410", f"`{lit.text}` does not fit the limits this matrix gives: {wanted}.", lit.span,
                        "Write a value of the limit's type, e.g. `80%` for max LTV.")
            return None
        return ir.Cell(tuple((g.id, literal_decimal(lit)) for g in given), lit.text, cell.span)
    diags.error("E410", f"`{cell.text}` is not a limit value.", cell.span, "Write e.g. `80%`, `85% / 80%` or `N/A`.")
    return None


def _one(clauses: tuple[object, ...], kind: type[_C], word: str, diags: Diagnostics) -> _C | None:
    found = [c for c in clauses if isinstance(c, kind)]
    if len(found) > 1:
        second = found[1]
        diags.error("E230", f"`{word}` is given twice.", second.span,
                    "Keep one line (join conditions with `and`)." if word == "when" else "Keep one line.")
    return found[0] if found else None


# ------------------------------------------------------------------ rules


def lower_rule(item: Item, lowerer: ExprLowerer, limits: dict[str, ir.Limit], diags: Diagnostics) -> ir.Rule | None:
    decl = item.decl
    assert isinstance(decl, s.RuleDecl)
    cite = _one(decl.clauses, s.Cite, "cite", diags)
    when_clause = _one(decl.clauses, s.When, "when", diags)
    if cite is None:
        diags.warning("W101", f"Rule `{decl.name}` has no citation.", decl.name_span,
                      "Add `cite \"<section, page>\"` naming where the source document states it.")
    when = lowerer.condition(when_clause.cond) if isinstance(when_clause, s.When) else None
    ok = when_clause is None or when is not None
    requirements: list[ir.Requirement] = []
    adjustments: list[ir.Adjustment] = []
    conditions: list[ir.Condition] = []
    reviews: list[str] = []
    notes: list[str] = []
    for clause in decl.clauses:
        if isinstance(clause, s.Require):
            test = lowerer.condition(clause.test)
            alts: list[ir.Alternative] = []
            for a in clause.allows:
                at, aw = lowerer.condition(a.test), lowerer.condition(a.cond)
                if at is None or aw is None:
                    ok = False
                else:
                    alts.append(ir.Alternative(at, aw, a.span))
            if test is None:
                ok = False
            else:
                requirements.append(ir.Requirement(test, tuple(alts), clause.span))
        elif isinstance(clause, s.Seasoning):
            got = lower_seasoning(clause, lowerer, diags)
            if got is None:
                ok = False
            else:
                requirements.extend(got)
        elif isinstance(clause, s.Adjust):
            for n in clause.limits:
                adj = lower_adjustment(clause, n, limits, diags)
                if adj is None:
                    ok = False
                else:
                    adjustments.append(adj)
        elif isinstance(clause, s.ConditionClause):
            conditions.append(ir.Condition(clause.kind, clause.text, clause.span))
        elif isinstance(clause, s.Review):
            reviews.append(clause.text)
        elif isinstance(clause, s.Note):
            notes.append(clause.text)
    if not (requirements or adjustments or conditions or reviews) and ok:
        diags.error("E414", f"Rule `{decl.name}` does nothing.", decl.name_span,
                    "Give it a `require`, `reduce`, `cap`, `condition` or `review` line.")
        return None
    if not ok:
        return None
    return ir.Rule(decl.name, decl.title or decl.name, item.section, cite.text if isinstance(cite, s.Cite) else None,
                   when, tuple(requirements), tuple(adjustments), tuple(conditions), tuple(reviews), tuple(notes),
                   item.origin, item.overrides, decl.span)


def lower_adjustment(clause: s.Adjust, n: s.Name, limits: dict[str, ir.Limit], diags: Diagnostics) -> ir.Adjustment | None:
    if n.name not in limits:
        diags.error("E207", f"Unknown limit `{n.name}`.{did_you_mean(n.name, limits)}", n.span,
                    "Limits are declared in programs/loan.fields: " + ", ".join(limits) + ".")
        return None
    limit = limits[n.name]
    lit = clause.amount
    if clause.kind == "reduce":
        if limit.type.kind != "percent":
            diags.error("E415", f"Only percent limits are reduced by points; `{n.name}` is {limit.type.describe()}.", n.span,
                        f"Use `cap {n.name} at <amount>`.")
            return None
        return ir.Adjustment("reduce", n.name, literal_decimal(lit), lit.text, clause.span)
    if not literal_fits(lit, limit.type) or not isinstance(lit.value, Decimal):
        diags.error("E410", f"`{lit.text}` does not fit `{n.name}`, which is {limit.type.a()}.", lit.span,
                    f"Write {describe_literal_kind(limit.type)}.")
        return None
    return ir.Adjustment("cap", n.name, literal_decimal(lit), lit.text, clause.span)


def lower_seasoning(clause: s.Seasoning, lowerer: ExprLowerer, diags: Diagnostics) -> list[ir.Requirement] | None:
    rows = clause.table.rows
    if len(rows) < 2:
        diags.error("E407", "A seasoning table needs a header line and at least one event line.", clause.table.span,
                    "Add lines like `| fc | 36 months |`.")
        return None
    out: list[ir.Requirement] = []
    ok = True
    for row in rows[1:]:
        if len(row.cells) != 2 or row.cells[0].kind != "words":
            diags.error("E404", "A seasoning line has 2 cells: the event kinds and the minimum months.", row.span,
                        "Write `| fc, ss | 24 months |`.")
            ok = False
            continue
        kinds_cell, months_cell = row.cells
        kinds = tuple(s.Name(" ".join(g), kinds_cell.span) for g in kinds_cell.words)
        since = lowerer.expr(s.MonthsSinceLatest(clause.list_name, kinds, kinds_cell.span))
        if since is None:
            ok = False
            continue
        lit = months_cell.value
        if months_cell.kind != "value" or lit is None or lit.kind not in ("months", "number") or not isinstance(lit.value, Decimal):
            diags.error("E416", "The minimum seasoning is a number of months.", months_cell.span,
                        "Write e.g. `24 months` or `4 years`.")
            ok = False
            continue
        minimum = ir.Const(lit.value, ir.MONTHS, lit.text, lit.span)
        out.append(ir.Requirement(ir.Compare(">=", since, minimum, row.span), (), row.span))
    return out if ok else None


def lower_vocabulary(decl: s.Vocabulary, path: str, sha256: str, diags: Diagnostics
                     ) -> tuple[ir.Vocabulary, dict[str, tuple[s.ValueDecl, str]], list[s.LimitDecl]]:
    """The vocabulary: fields, records, shared values (checked here once) and limits."""
    fields, records = collect_vocabulary_fields(decl, diags)
    shared: dict[str, tuple[s.ValueDecl, str]] = {}
    limit_decls: list[s.LimitDecl] = []
    section = ""
    for item in decl.items:
        if isinstance(item, s.Section):
            section = item.title
        elif isinstance(item, s.ValueDecl):
            if item.override:
                diags.error("E231", "The vocabulary defines values; it does not override them.", item.name_span,
                            "Remove `override`.")
            if item.name in shared or item.name in fields:
                diags.error("E206", f"`{item.name}` is declared twice.", item.name_span, "Rename one of them.")
                continue
            shared[item.name] = (item, section)
        elif isinstance(item, s.LimitDecl):
            limit_decls.append(item)
    table = make_value_table({n: (d, "vocabulary", sec) for n, (d, sec) in shared.items()}, fields, records, {},
                             "application_date", diags)
    limits = lower_limits(limit_decls, fields, table, diags)
    values = table.all()
    vocab = ir.Vocabulary(decl.title, tuple(fields.values()), tuple(records.values()), values,
                          tuple(limits.values()), path, sha256)
    return vocab, shared, limit_decls
