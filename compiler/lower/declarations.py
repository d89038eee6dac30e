"""Surface AST to checked IR: the vocabulary, then each program after inheritance.

Consumes `surface.Vocabulary` and `inherit.Effective` programs; produces `ir_program.Vocabulary` and
`ir_program.Program`s. Resolves every name, types every expression (`lower_expr`), turns bands and tables into
exact intervals and checks them (`bands`), attaches citations and stable ids. Problems are reported to
the collector; a program with errors is still lowered as far as possible so that all problems show.
"""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from compiler import ir, ir_program, ir_types
from compiler.diagnostics import Diagnostics, did_you_mean
from compiler.lower.analysis_hints import lower_accepts, lower_better
from compiler.lower.bands import check_band
from compiler.lower.expr import ExprLowerer, Scope
from compiler.lower.inherit import INHERITED_KEYS, LIMIT_KEY, Effective
from compiler.lower.lists import builtin, check_list_names, list_for_field, lower_list
from compiler.lower.literals import lower_band
from compiler.lower.notes import lower_note
from compiler.lower.rules import lower_matrix, lower_rule
from compiler.lower.values import DEFAULT_PLACES, ValueTable
from compiler.syntax import surface as s
from compiler.wording import band_label

MONEY_UNITS = ("USD", "USD per month")


# ------------------------------------------------------------------ vocabulary


def lower_field(decl: s.FieldDecl, section: str, records: dict[str, s.RecordDecl], diags: Diagnostics,
                lists: dict[str, ir.NamedList] | None = None) -> ir.Field | None:
    for sp in decl.duplicate_props:
        diags.error("E224", "This property is given twice for the field.", sp, "Keep one of the two lines.")
    if decl.type is None:
        diags.error("E220", f"Field `{decl.name}` has no `type:` line.", decl.span,
                    "Add e.g. `type: money` under the field.")
        return None
    ts = decl.type
    kind = ts.kind
    unit = str(decl.unit) if decl.unit else ""
    named = list_for_field(ts, lists or {})
    if named is not None:  # `type: one of countries`: the list's codes are the choices, its names their labels
        t = ir_types.Type("enum", enum=decl.name, values=named.codes, labels=named.labels, choices_list=named.name)
    elif kind == "enum":
        names = [v.name for v in ts.values]
        for n, v in enumerate(ts.values):
            if v.name in names[:n]:
                diags.error("E221", f"`{v.name}` is listed twice among the values of `{decl.name}`.", v.span,
                            "Remove the repeated value.")
        labels = {v.name: v.title or v.name for v in reversed(ts.values)}
        unique = tuple(dict.fromkeys(names))
        t = ir_types.Type("enum", enum=decl.name, values=unique, labels=tuple(labels[n] for n in unique))
    elif kind == "list":
        assert ts.record is not None
        if ts.record.name not in records:
            diags.error("E204", f"Unknown record `{ts.record.name}`.{did_you_mean(ts.record.name, records)}", ts.record.span,
                        "Declare it with `record <name>` ... `end` in the vocabulary.")
            return None
        t = ir_types.Type("list", record=ts.record.name)
    elif kind == "money":
        unit = unit or "USD"
        if unit not in MONEY_UNITS:
            diags.error("E222", f"Money is in `USD` or `USD per month`, not `{unit}`.",
                        decl.unit.span if decl.unit else ts.span, "Write `unit: USD` or `unit: USD per month`.")
            return None
        t = ir_types.Type("money", unit=unit)
    elif kind in ("months", "days"):
        if unit and unit != kind:
            diags.error("E223", f"A {kind} field is counted in {kind}; it has no other unit.", decl.unit.span if decl.unit else ts.span,
                        "Remove the `unit:` line.")
        t = ir_types.MONTHS if kind == "months" else ir_types.DAYS
    elif kind in ("integer", "count"):
        t = ir_types.Type("integer", unit=unit)  # a count is a whole number that is never negative (range below)
    elif kind == "quantity":
        if not unit or decl.unit is None or decl.unit.per is not None:
            diags.error("E229", f"A quantity is a number in a unit: `{decl.name}` needs a `unit:` line of one word.",
                        decl.unit.span if decl.unit else ts.span,
                        "Add e.g. `unit: acres` (or `unit: years` for an age) under the field.")
            return None
        t = ir_types.Type("quantity", unit=unit)
    else:
        if unit and kind == "ratio":
            diags.error("E223", "A ratio field has no unit: a ratio is a plain number such as DSCR 1.25.",
                        decl.unit.span if decl.unit else ts.span,
                        f"For a number in a unit (20.5 acres, an age of 59.5 years) write `type: quantity` with "
                        f"`unit: {unit}`; otherwise remove the `unit:` line.")
        elif unit and kind in ("percent", "date", "yesno", "text"):
            diags.error("E223", f"A {kind} field has no unit.", decl.unit.span if decl.unit else ts.span,
                        "Remove the `unit:` line.")
        t = ir_types.Type(kind)  # type: ignore[arg-type]
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
            if rng is not None and kind == "count" and (rng.low is None or rng.low < 0):
                diags.error("E228", f"A count is never negative, but the range of `{decl.name}` does not start at 0 or "
                                    "more.", decl.range.span,
                            "Start the range at 0 or more, e.g. `range: 0..50`, or remove the line (a count's range "
                            "is then 0 and up).")
                rng = None
            if rng is not None:


                check_band(rng, t.kind, diags)
    if kind == "count" and rng is None:
        rng = ir.Band(Decimal(0), True, None, False, band_label(Decimal(0), True, None, False, "integer", unit), ts.span)
    if not decl.description:
        diags.warning("W103", f"Field `{decl.name}` has no description.", decl.span,
                      "Add `description: \"...\"`: developers and the documentation site read it.")
    better = lower_better(decl.better, decl.title or decl.name, diags)
    if better and not t.numeric:
        diags.error("E227", f"`better:` applies to numbers; `{decl.name}` is {t.describe()}.", decl.better.span if decl.better else decl.span,
                    "Remove the `better:` line.")
        better = ""
    no_score = ""
    if decl.allows is not None:
        if decl.allows.name != "score":
            diags.error("E245", f"`allows: no {decl.allows.name}`: the one value a number may declare is `no score`.",
                        decl.allows.span, "Write `allows: no score` (a loan may then say the borrower has no score at all).")
        elif not t.numeric:
            diags.error("E245", f"`allows: no score` applies to numbers; `{decl.name}` is {t.describe()}.", decl.allows.span,
                        "Remove the `allows:` line, or put it on the numeric field (such as `fico`).")
        else:
            no_score = f"{decl.name}_no_score"
    return ir.Field(decl.name, decl.title or decl.name, t, places, rng, decl.description or "", section, decl.span,
                    better, no_score=no_score)


def no_score_field(f: ir.Field) -> ir.Field:
    """The yes/no field a number with `allows: no score` brings: yes when the loan says there is none."""
    title = f"No {f.title[:1].lower()}{f.title[1:]}"
    return ir.Field(f.no_score, title, ir_types.YESNO, None, None,
                    f"Yes when the loan has no {f.title.lower()} at all: a loan gives `\"{f.name}\": \"none\"` (or this field). "
                    f"Unknown when neither is given; a {f.title.lower()} that is missing from the file is unknown, not none.",
                    f.section, f.span, no_score_of=f.name)


def collect_vocabulary_fields(
    decl: s.Vocabulary, diags: Diagnostics
) -> tuple[dict[str, ir.Field], dict[str, ir.Record], dict[str, ir.NamedList]]:
    """The vocabulary's fields, records and reference lists (the built-in ones first). A list chosen from a
    built-in list or an earlier list is built before the fields (a field may be `one of` it); one chosen from a
    field after them."""
    records_decl = {i.name: i for i in decl.items if isinstance(i, s.RecordDecl)}
    fields: dict[str, ir.Field] = {}
    records: dict[str, ir.Record] = {}
    lists = builtin()
    field_names = {i.name for i in decl.items if isinstance(i, (s.FieldDecl, s.RecordDecl, s.ValueDecl, s.LimitDecl))}
    list_decls = check_list_names([i for i in decl.items if isinstance(i, s.ListDecl)], field_names, diags)
    later: list[s.ListDecl] = []
    for ld in list_decls:
        if ld.source.name in lists or ld.source.name not in field_names:
            made = lower_list(ld, lists, {}, diags)
            if made is not None:
                lists[ld.name] = made
        else:
            later.append(ld)
    section = ""
    for item in decl.items:
        if isinstance(item, s.Section):
            section = item.title
        elif isinstance(item, s.FieldDecl):
            if item.name in fields:
                diags.error("E206", f"Field `{item.name}` is declared twice.", item.span, "Remove or rename one of them.")
                continue
            f = lower_field(item, section, records_decl, diags, lists)
            if f is not None:
                fields[item.name] = f
                if f.no_score:
                    if f.no_score in field_names:
                        diags.error("E206", f"`{f.no_score}` is declared twice: `allows: no score` on `{f.name}` declares it.",
                                    item.span, f"Rename the field `{f.no_score}`.")
                    fields[f.no_score] = no_score_field(f)
        elif isinstance(item, s.RecordDecl):
            if item.name in records:
                diags.error("E206", f"Record `{item.name}` is declared twice.", item.span, "Remove or rename one of them.")
                continue
            for rf in item.fields:
                if rf.allows is not None:
                    diags.error("E245", "`allows: no score` applies to fields of the loan, not of a record.", rf.allows.span,
                                "Remove the `allows:` line.")
            inner = [lower_field(f, section, records_decl, diags, lists) for f in item.fields]
            records[item.name] = ir.Record(item.name, item.title or item.name, tuple(f for f in inner if f), item.span)
    for ld in later:
        made = lower_list(ld, lists, fields, diags)
        if made is not None:
            lists[ld.name] = made
    return fields, records, lists


# ------------------------------------------------------------------ programs


def make_value_table(value_decls: dict[str, tuple[s.ValueDecl, str, str]], fields: dict[str, ir.Field],
                     records: dict[str, ir.Record], limits: dict[str, ir.Limit], as_of: str,
                     diags: Diagnostics, lists: dict[str, ir.NamedList] | None = None) -> ValueTable:
    def make_scope(table: ValueTable) -> Scope:
        return Scope(fields, records, limits, table.type_of, table.names, as_of, lists=lists or {}, value_of=table.get)

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
                t = ir_types.PERCENT if isinstance(decl_value.expr, s.AsPercent) else ir_types.RATIO
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


def lower_program(eff: Effective, vocab: ir_program.Vocabulary, shared_values: dict[str, tuple[s.ValueDecl, str]],
                  limit_decls: list[s.LimitDecl], path: str, sha256: str, diags: Diagnostics) -> ir_program.Program | None:
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
    abstract = _abstract(eff, diags)

    value_decls: dict[str, tuple[s.ValueDecl, str, str]] = {
        name: (d, "vocabulary", section) for name, (d, section) in shared_values.items()
    }
    for item in eff.items:
        if isinstance(item.decl, s.ValueDecl):
            value_decls[item.decl.name] = (item.decl, item.origin, item.section)
    lists = {**builtin(), **{x.name: x for x in vocab.lists}}
    values = make_value_table(value_decls, fields, records, {}, as_of, diags, lists)
    limits = lower_limits(limit_decls, fields, values, diags)
    values.make_scope = lambda table: Scope(fields, records, limits, table.type_of, table.names, as_of, program=True,
                                            lists=lists, value_of=table.get)
    scope = values.make_scope(values)
    lowerer = ExprLowerer(scope, diags)

    matrices: list[ir.Matrix] = []
    rules: list[ir.Rule] = []
    notes: list[ir.Note] = []
    for item in eff.items:
        if isinstance(item.decl, s.MatrixDecl):
            m = lower_matrix(item, lowerer, limits, values, diags)
            if m is not None:
                matrices.append(m)
        elif isinstance(item.decl, s.RuleDecl):
            r = lower_rule(item, lowerer, limits, diags)
            if r is not None:
                rules.append(r)
        elif isinstance(item.decl, s.NoteDecl):
            n = lower_note(item, diags)
            if n is not None:
                notes.append(n)
    all_values = values.all()
    if title is None or family is None or version is None or source_doc is None or effective is None:
        return None
    dropped = tuple(ir_program.Dropped(d.kind, d.name, d.reason, d.span) for d in eff.dropped)
    return ir_program.Program(
        id=decl.name, title=title, investor=investor or "", lender=lender, family=family, version=version,
        effective=effective, source_document=source_doc, kind=eff.kind, base=eff.base,  # type: ignore[arg-type]
        seasoning_date=as_of, combine=combine, values=all_values, limits=tuple(limits.values()),
        matrices=tuple(matrices), rules=tuple(rules), dropped=dropped, path=path, sha256=sha256, span=decl.span,
        accepted=lower_accepts(decl.accepts, diags), abstract=abstract, notes=tuple(notes),
        limit_combine=_limit_combine(eff, limits, diags), uncovered=_uncovered(eff, diags),
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


COMBINE_MODES: dict[str, ir_program.CombineMode] = {
    "lowest wins": "lowest", "stacked": "stacked", "reductions last": "caps_first", "first applicable": "first"}


def _combine(eff: Effective, diags: Diagnostics) -> ir_program.CombineMode:
    line = eff.header.get("adjustments")
    return "lowest" if line is None else _mode(line, "adjustments:", diags)


def _mode(line: s.HeaderLine, what: str, diags: Diagnostics) -> ir_program.CombineMode:
    text = str(line.value)
    if text in COMBINE_MODES:
        return COMBINE_MODES[text]
    diags.error("E215", f"`{what}` is `lowest wins`, `stacked`, `reductions last` or `first applicable`, not "
                f"`{text}`.", line.value_span,
                "`lowest wins`: each reduction or cap gives its own limit and the lowest applies; "
                "`stacked`: reductions add up, then caps apply; "
                "`reductions last`: the lowest of the matrix and the caps, less every reduction; "
                "`first applicable`: the first rule, in the order written, that applies sets the limit.")
    return "lowest"


def _uncovered(eff: Effective, diags: Diagnostics) -> ir_program.Uncovered:
    """`uncovered_loans: declined` (the default) or `rules only`: what a loan no matrix applies to gets."""
    line = eff.header.get("uncovered_loans")
    if line is None or str(line.value) == "declined":
        return "declined"
    if str(line.value) == "rules only":
        return "rules_only"
    diags.error("E217", f"`uncovered_loans:` is `declined` or `rules only`, not `{line.value}`.", line.value_span,
                "`declined`: a loan no matrix applies to is not eligible; `rules only`: such a loan gets no matrix "
                "limit, and only the rules (and their caps) decide it.")
    return "declined"


def _limit_combine(eff: Effective, limits: dict[str, ir.Limit],
                   diags: Diagnostics) -> tuple[tuple[str, ir_program.CombineMode], ...]:
    """`limit max_ltv: stacked` lines: how one limit's reductions and caps combine, in place of `adjustments:`."""
    out: list[tuple[str, ir_program.CombineMode]] = []
    for key, line in eff.header.items():
        if not key.startswith(LIMIT_KEY):
            continue
        name = key[len(LIMIT_KEY):]
        if name not in limits:
            diags.error("E207", f"Unknown limit `{name}`.{did_you_mean(name, limits)}", line.key_span,
                        "Limits are declared in programs/loan.fields: " + ", ".join(limits) + ".")
            continue
        out.append((name, _mode(line, f"limit {name}:", diags)))
    return tuple(out)


def _abstract(eff: Effective, diags: Diagnostics) -> bool:
    """`abstract: yes` marks shared rules that other programs extend: not a product a loan is decided under."""
    line = eff.header.get("abstract")
    if line is None:
        return False
    text = str(line.value)
    if text in ("yes", "no"):
        return text == "yes"
    diags.error("E216", f"`abstract:` is `yes` or `no`, not `{text}`.", line.value_span,
                "`abstract: yes` marks shared rules that variants extend (not offered as a program); "
                "leave the line out, or write `no`, for a program loans are decided under.")
    return False


def lower_vocabulary(decl: s.Vocabulary, path: str, sha256: str, diags: Diagnostics
                     ) -> tuple[ir_program.Vocabulary, dict[str, tuple[s.ValueDecl, str]], list[s.LimitDecl]]:
    """The vocabulary: fields, records, shared values (checked here once) and limits."""
    fields, records, lists = collect_vocabulary_fields(decl, diags)
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
                             "application_date", diags, lists)
    limits = lower_limits(limit_decls, fields, table, diags)
    values = table.all()
    vocab = ir_program.Vocabulary(decl.title, tuple(fields.values()), tuple(records.values()), values,
                          tuple(limits.values()), path, sha256, tuple(x for x in lists.values() if not x.builtin))
    return vocab, shared, limit_decls
