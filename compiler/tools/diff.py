"""What changed between two versions of a program, in plain English: header, cells, rules, values, citations.

Consumes two checked `ir_program.Program`s (inheritance applied) and their vocabularies; produces a list of `Change`s,
each saying what changed, the old and new wording (the same wording the checkers use, `compiler.wording`)
and whether the change tightens or loosens the policy where that can be decided.

Matrix cells and lookup tables are compared by the loans they cover: the old and new bands are split into
their common refinement (`diff_bands`), so every region of loans whose limit changed is listed, even when
bands moved; whether a change tightens or loosens is `diff_effect`, and `diff_render` writes a diff out.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from compiler import ir, ir_program
from compiler.meta import titles as titles_of
from compiler.tools.diff_bands import amount_text, cell_at, limit_in, lookup_at, permissiveness, refine, show_limit
from compiler.tools.diff_effect import Effect, requirement_effect, rule_effect, shape, when_effect
from compiler.tools.diff_notes import note_changes
from compiler.wording import Choices, describe, describe_requirement, fmt_amount

# how the header lines write the modes the IR names
_WRITTEN: dict[object, str] = {"lowest": "lowest wins", "stacked": "stacked", "caps_first": "reductions last", "first": "first applicable",
                               "declined": "declined", "rules_only": "rules only"}


@dataclass(frozen=True, slots=True)
class Change:
    """One change: under `heading` (the program header, a matrix, a value or a rule), `what` went from old to new."""

    heading: str
    item: str  # matrix, rule or value id; "" for the program header
    what: str
    old: str | None  # None: added
    new: str | None  # None: removed
    effect: Effect
    citation: str | None  # the item's citation (the new one; the old one when removed)

    @property
    def action(self) -> str:
        return "added" if self.old is None else "removed" if self.new is None else "changed"

    def line(self) -> str:
        effect = f" ({self.effect})" if self.effect else ""
        if self.old is None:
            return f"{self.what}: added: {self.new}{effect}" if self.new else f"{self.what}: added{effect}"
        if self.new is None:
            return f"{self.what}: removed: {self.old}{effect}" if self.old else f"{self.what}: removed{effect}"
        return f"{self.what}: {self.old} -> {self.new}{effect}"

    def sentence(self) -> str:
        return self.line() if not self.item else f"{self.heading}: {self.line()}"


@dataclass(frozen=True, slots=True)
class ProgramDiff:
    old: ir_program.Program
    new: ir_program.Program
    changes: tuple[Change, ...]

    def counts(self) -> dict[str, int]:
        return {
            "changes": len(self.changes),
            "tightens": sum(c.effect == "tightens" for c in self.changes),
            "loosens": sum(c.effect == "loosens" for c in self.changes),
        }


# ------------------------------------------------------------------ comparing


def diff_programs(old: ir_program.Program, new: ir_program.Program, old_vocab: ir_program.Vocabulary,
                  new_vocab: ir_program.Vocabulary, choices: Choices | None = None) -> ProgramDiff:
    """Every change from `old` to `new`, in the order: header, matrices, values, rules, notes, dropped items; `choices`
    (the site's) words enum values by their labels (`wording.describe`)."""
    d = _Differ(old, new, old_vocab, new_vocab, choices)
    d.header()
    d.matrices()
    d.values()
    d.rules()
    for heading, item, what, a, b, cite in note_changes(old, new):
        d.add(heading, item, what, a, b, "", cite)
    d.dropped()
    return ProgramDiff(old, new, tuple(d.out))


class _Differ:
    def __init__(self, old: ir_program.Program, new: ir_program.Program, old_vocab: ir_program.Vocabulary,
                 new_vocab: ir_program.Vocabulary, choices: Choices | None = None) -> None:
        self.old, self.new = old, new
        self.choices = choices
        self.old_vocab, self.new_vocab = old_vocab, new_vocab
        self.ot = titles_of(old, old_vocab)
        self.nt = titles_of(new, new_vocab)
        self.out: list[Change] = []

    def _say(self, x: object, t: dict[str, str]) -> str:
        return describe(x, t, self.choices)

    def _req(self, q: object, t: dict[str, str]) -> str:
        return describe_requirement(q, t, self.choices)

    def _applies(self, when: ir.Expr | None, t: dict[str, str]) -> str:
        return "always" if when is None else f"when {self._say(when, t)}"

    def add(self, heading: str, item: str, what: str, old: str | None, new: str | None, effect: Effect = "",
            citation: str | None = None) -> None:
        self.out.append(Change(heading, item, what, old, new, effect, citation))

    # -------------------------------------------------------------- header

    def header(self) -> None:
        fields = (("Program id", "id"), ("Title", "title"), ("Investor", "investor"), ("Lender", "lender"), ("Family", "family"),
                  ("Version", "version"), ("Effective", "effective"), ("Source document", "source_document"),
                  ("Kind", "kind"), ("Base program", "base"), ("Seasoning date", "seasoning_date"),
                  ("Adjustments combine", "combine"), ("Loans no matrix covers", "uncovered"))
        for label, attr in fields:
            a, b = getattr(self.old, attr), getattr(self.new, attr)
            if a != b:
                self.add("Program", "", label, _text(_WRITTEN.get(a, a)), _text(_WRITTEN.get(b, b)))
        lined = {lid for lid, _m in (*self.old.limit_combine, *self.new.limit_combine)}
        for lim in self.new.limits:  # `limit max_ltv: reductions last` lines, added, changed or removed
            a, b = self.old.combine_of(lim.id), self.new.combine_of(lim.id)
            if lim.id in lined and a != b:
                self.add("Program", "", f"{lim.title} adjustments combine", _WRITTEN[a], _WRITTEN[b])

    # -------------------------------------------------------------- matrices

    def matrices(self) -> None:
        olds = {m.id: m for m in self.old.matrices}
        news = {m.id: m for m in self.new.matrices}
        for m in self.new.matrices:
            if m.id not in olds:
                self.add(_heading("Matrix", m.title, m.id), m.id, "Matrix", None,
                         f"gives {self._limits(m.gives, self.new)}" + self._when(m.when, self.nt), "", m.citation)
            else:
                self.matrix(olds[m.id], m)
        for m in self.old.matrices:
            if m.id not in news:
                self.add(_heading("Matrix", m.title, m.id), m.id, "Matrix", f"gives {self._limits(m.gives, self.old)}"
                         + self._when(m.when, self.ot), None, "", m.citation)

    def matrix(self, a: ir.Matrix, b: ir.Matrix) -> None:
        h = _heading("Matrix", b.title, b.id)
        self.common(h, b.id, a, b)
        if a.gives != b.gives:
            self.add(h, b.id, "Limits given", self._limits(a.gives, self.old), self._limits(b.gives, self.new), "", b.citation)
        same_rows = a.rows.keys == b.rows.keys
        same_cols = (a.columns is None and b.columns is None) or (
            a.columns is not None and b.columns is not None and a.columns.keys == b.columns.keys)
        if not (same_rows and same_cols):
            self.add(h, b.id, "Layout", self._layout(a, self.ot), self._layout(b, self.nt), "", b.citation)
            return
        kinds = {lim.id: lim for lim in (*self.old.limits, *self.new.limits)}
        if not all(x.simple for x in (a.rows, b.rows, a.columns, b.columns) if x is not None):
            self._keyed_cells(h, a, b, kinds)
            return
        rows = refine(a.rows.bands, b.rows.bands, self._step(b.rows.expr), _kind(b.rows.expr))
        cols = (refine(a.columns.bands, b.columns.bands, self._step(b.columns.expr), _kind(b.columns.expr))
                if a.columns is not None and b.columns is not None else [None])
        row_name = self.nt.get(b.rows.label, b.rows.label)
        col_name = self.nt.get(b.columns.label, b.columns.label) if b.columns is not None else ""
        gives = tuple(dict.fromkeys((*b.gives, *a.gives)))
        for limit in gives:
            lim = kinds.get(limit)
            title = lim.title if lim else limit
            for r in rows:
                for c in cols:
                    old = cell_at(a, r, c)
                    new = cell_at(b, r, c)
                    ov, nv = limit_in(old, limit), limit_in(new, limit)
                    if permissiveness(ov) == permissiveness(nv):
                        continue
                    where = f"{title}, {row_name} {r.label}" + (f", {col_name} {c.label}" if c is not None else "")
                    effect: Effect = "tightens" if permissiveness(nv) < permissiveness(ov) else "loosens"
                    self.add(h, b.id, where, show_limit(ov, lim), show_limit(nv, lim), effect, b.citation)

    def _keyed_cells(self, h: str, a: ir.Matrix, b: ir.Matrix, kinds: dict[str, ir.Limit]) -> None:
        """A matrix keyed on choices or several keys: cell by cell when its lines are unchanged, else its lines."""
        lines = (a.rows.lines, a.columns.lines if a.columns else ()) == (b.rows.lines, b.columns.lines if b.columns else ())
        if not lines:
            def text(m: ir.Matrix) -> str:
                cols = f"; columns {' | '.join(m.columns.line_labels)}" if m.columns else ""
                return f"rows {' | '.join(m.rows.line_labels)}{cols}"
            self.add(h, b.id, "Lines", text(a), text(b), "", b.citation)
            return
        for limit in tuple(dict.fromkeys((*b.gives, *a.gives))):
            lim = kinds.get(limit)
            for r, row in enumerate(b.cells):
                for c, new in enumerate(row):
                    ov, nv = limit_in(a.cells[r][c], limit), limit_in(new, limit)
                    if permissiveness(ov) == permissiveness(nv):
                        continue
                    col = f", {self._line(b.columns, c)}" if b.columns is not None else ""
                    where = f"{lim.title if lim else limit}, {self._line(b.rows, r)}{col}"
                    effect: Effect = "tightens" if permissiveness(nv) < permissiveness(ov) else "loosens"
                    self.add(h, b.id, where, show_limit(ov, lim), show_limit(nv, lim), effect, b.citation)

    def _line(self, axis: ir.Axis, n: int) -> str:
        """Line n of a keyed axis as it reads: `Credit grade A+, Credit score 720+`."""
        return ", ".join(f"{self.nt.get(lb, lb)} {e.label}" for lb, e in zip(axis.labels, axis.lines[n], strict=True))

    def _layout(self, m: ir.Matrix, t: dict[str, str]) -> str:
        rows = t.get(m.rows.label, m.rows.label)
        return f"rows by {rows}" + (f", columns by {t.get(m.columns.label, m.columns.label)}" if m.columns else "")

    def _limits(self, gives: tuple[str, ...], p: ir_program.Program) -> str:
        names = {lim.id: lim.title for lim in p.limits}
        return ", ".join(names.get(g, g) for g in gives)

    def _when(self, when: ir.Expr | None, t: dict[str, str]) -> str:
        return f" when {self._say(when, t)}" if when is not None else ""

    def _step(self, expr: ir.Expr) -> Decimal:
        places = None
        if isinstance(expr, ir.FieldRef):
            f = self.new_vocab.field(expr.name)
            places = f.places if f is not None else None
        elif isinstance(expr, ir.ValueRef):
            v = self.new.value(expr.name)
            places = v.places if v is not None else None
        if places is None:
            places = 0 if expr.type.kind in ("integer", "months", "days") else 2
        return Decimal(1).scaleb(-places)

    # -------------------------------------------------------------- shared by matrices and rules

    def common(self, h: str, item: str, a: ir.Matrix | ir.Rule, b: ir.Matrix | ir.Rule) -> None:
        if a.title != b.title:
            self.add(h, item, "Title", a.title, b.title, "", b.citation)
        if a.citation != b.citation:
            self.add(h, item, "Citation", _text(a.citation), _text(b.citation), "", b.citation)
        if a.when != b.when:
            self.add(h, item, "Applies", self._applies(a.when, self.ot), self._applies(b.when, self.nt), when_effect(a.when, b.when),
                     b.citation)
        self.texts(h, item, "Note", a.notes, b.notes, "", b.citation)

    def texts(self, h: str, item: str, what: str, old: tuple[str, ...], new: tuple[str, ...], added: Effect,
              citation: str | None) -> None:
        removed: Effect = {"tightens": "loosens", "loosens": "tightens", "": ""}[added]  # type: ignore[assignment]
        for text in new:
            if text not in old:
                self.add(h, item, what, None, text, added, citation)
        for text in old:
            if text not in new:
                self.add(h, item, what, text, None, removed, citation)

    # -------------------------------------------------------------- values

    def values(self) -> None:
        olds = {v.id: v for v in self.old.values}
        news = {v.id: v for v in self.new.values}
        for v in self.new.values:
            if v.id not in olds:
                self.add(_heading("Value", v.title, v.id), v.id, "Value", None, self._value_text(v, self.nt), "", v.citation)
            elif olds[v.id] != v:
                self.value(olds[v.id], v)
        for v in self.old.values:
            if v.id not in news:
                self.add(_heading("Value", v.title, v.id), v.id, "Value", self._value_text(v, self.ot), None, "", v.citation)

    def value(self, a: ir.Value, b: ir.Value) -> None:
        h = _heading("Value", b.title, b.id)
        if a.title != b.title:
            self.add(h, b.id, "Title", a.title, b.title, "", b.citation)
        if a.citation != b.citation:
            self.add(h, b.id, "Citation", _text(a.citation), _text(b.citation), "", b.citation)
        self.texts(h, b.id, "Note", a.notes, b.notes, "", b.citation)
        if a.rounding != b.rounding:
            self.add(h, b.id, "Rounding", a.rounding.describe() if a.rounding else "none",
                     b.rounding.describe() if b.rounding else "none", "", b.citation)
        if a.body == b.body:
            return
        if isinstance(a.body, ir.Lookup) and isinstance(b.body, ir.Lookup) and a.body.key.keys == b.body.key.keys \
                and a.body.key.simple and b.body.key.simple:
            higher = self._sense_of_value(b.id)
            key = b.body.key
            name = self.nt.get(key.label, key.label)
            for piece in refine(a.body.key.bands, key.bands, self._step(key.expr), _kind(key.expr)):
                ov = lookup_at(a.body, piece)
                nv = lookup_at(b.body, piece)
                if ov == nv:
                    continue
                effect: Effect = ""
                if isinstance(ov, Decimal) and isinstance(nv, Decimal) and higher is not None:
                    effect = "tightens" if (nv > ov) == higher else "loosens"
                self.add(h, b.id, f"{b.title} for {name} {piece.label}", amount_text(ov, a.type), amount_text(nv, b.type),
                         effect, b.citation)
            return
        if isinstance(a.body, ir.Lookup) and isinstance(b.body, ir.Lookup) and a.body.key == b.body.key:
            higher = self._sense_of_value(b.id)
            for n, (ov, nv) in enumerate(zip(a.body.results, b.body.results, strict=True)):
                if ov != nv:
                    effect = ("tightens" if (nv > ov) == higher else "loosens") \
                        if isinstance(ov, Decimal) and isinstance(nv, Decimal) and higher is not None else ""
                    self.add(h, b.id, f"{b.title} for {self._line(b.body.key, n)}", amount_text(ov, a.type),
                             amount_text(nv, b.type), effect, b.citation)
            return
        self.add(h, b.id, "Definition", self._value_text(a, self.ot), self._value_text(b, self.nt), "", b.citation)

    def _value_text(self, v: ir.Value, t: dict[str, str]) -> str:
        if isinstance(v.body, ir.Lookup):
            parts = [f"{label}: {amount_text(r, v.type)}"
                     for label, r in zip(v.body.key.line_labels, v.body.results, strict=True)]
            return f"by {t.get(v.body.key.label, v.body.key.label)}: " + "; ".join(parts)
        return self._say(v.body, t)

    def _sense_of_value(self, value_id: str) -> bool | None:
        """True when a higher value tightens (the new program requires something at least it), False when lower
        tightens, None when its rules do not say."""
        senses: set[bool] = set()
        for r in self.new.rules:
            for q in r.requirements:
                for e in ir.find_all(q.test, ir.Compare):
                    if isinstance(e.right, ir.ValueRef) and e.right.name == value_id:
                        if e.op in (">=", ">"):
                            senses.add(True)
                        elif e.op in ("<=", "<"):
                            senses.add(False)
        return senses.pop() if len(senses) == 1 else None

    # -------------------------------------------------------------- rules

    def rules(self) -> None:
        olds = {r.id: r for r in self.old.rules}
        news = {r.id: r for r in self.new.rules}
        for r in self.new.rules:
            if r.id not in olds:
                self.add(_heading("Rule", r.title, r.id), r.id, "Rule", None, self._rule_text(r, self.nt),
                         rule_effect(r), r.citation)
            elif olds[r.id] != r:
                self.rule(olds[r.id], r)
        for r in self.old.rules:
            if r.id not in news:
                effect = rule_effect(r)
                self.add(_heading("Rule", r.title, r.id), r.id, "Rule", self._rule_text(r, self.ot), None,
                         "loosens" if effect == "tightens" else "", r.citation)

    def rule(self, a: ir.Rule, b: ir.Rule) -> None:
        h = _heading("Rule", b.title, b.id)
        self.common(h, b.id, a, b)
        olds = [q for q in a.requirements if q not in b.requirements]
        news = [q for q in b.requirements if q not in a.requirements]
        paired: list[tuple[ir.Requirement, ir.Requirement]] = []
        for q in list(news):
            match = next((o for o in olds if shape(o) == shape(q)), None)
            if match is not None:
                olds.remove(match)
                news.remove(q)
                paired.append((match, q))
        if len(olds) == 1 and len(news) == 1:  # one requirement rewritten: show it as one change
            paired.append((olds.pop(), news.pop()))
        for o, q in paired:
            self.add(h, b.id, "Requirement", self._req(o, self.ot), self._req(q, self.nt),
                     requirement_effect(o, q), b.citation)
        for q in news:
            self.add(h, b.id, "Requirement", None, self._req(q, self.nt), "tightens", b.citation)
        for o in olds:
            self.add(h, b.id, "Requirement", self._req(o, self.ot), None, "loosens", b.citation)
        self.adjustments(h, a, b)
        self.texts(h, b.id, "Condition", tuple(_condition(c) for c in a.conditions),
                   tuple(_condition(c) for c in b.conditions), "tightens", b.citation)
        self.texts(h, b.id, "Referred for review", a.reviews, b.reviews, "", b.citation)

    def adjustments(self, h: str, a: ir.Rule, b: ir.Rule) -> None:
        def key(x: ir.Adjustment) -> tuple[str, str]:
            return (x.kind, x.limit)

        olds = {key(x): x for x in a.adjustments}
        news = {key(x): x for x in b.adjustments}
        names = {lim.id: lim.title for lim in (*self.old.limits, *self.new.limits)}
        for k, x in news.items():
            what = f"{names.get(x.limit, x.limit)} {'reduction' if x.kind == 'reduce' else 'cap'}"
            amount = self._amount(x, self.nt)
            if k not in olds:
                self.add(h, b.id, what, None, amount, "tightens", b.citation)
            elif (olds[k].amount, olds[k].text) != (x.amount, x.text):
                old, new = olds[k].amount, x.amount
                effect: Effect = ""  # a value's amount against another's, or a literal's: the loan decides
                if old is not None and new is not None:
                    effect = "tightens" if (new > old if x.kind == "reduce" else new < old) else "loosens"
                self.add(h, b.id, what, self._amount(olds[k], self.ot), amount, effect, b.citation)
        for k, x in olds.items():
            if k not in news:
                what = f"{names.get(x.limit, x.limit)} {'reduction' if x.kind == 'reduce' else 'cap'}"
                self.add(h, b.id, what, self._amount(x, self.ot), None, "loosens", b.citation)

    def _amount(self, x: ir.Adjustment, t: dict[str, str]) -> str:
        """`5%`, or the value or field that gives the amount, by its title."""
        if x.amount is None:
            return t.get(x.text, x.text)
        return f"{_plain_points(x.amount)}%"

    def _rule_text(self, r: ir.Rule, t: dict[str, str]) -> str:
        parts = [f"when {self._say(r.when, t)}"] if r.when is not None else []
        parts += [f"require {self._req(q, t)}" for q in r.requirements]
        names = {lim.id: lim.title for lim in (*self.old.limits, *self.new.limits)}
        parts += [f"{x.kind} {names.get(x.limit, x.limit)} {'by' if x.kind == 'reduce' else 'at'} {self._amount(x, t)}"
                  for x in r.adjustments]
        parts += [_condition(c) for c in r.conditions]
        parts += [f"review: {text}" for text in r.reviews]
        return "; ".join(parts) or "no requirements"

    # -------------------------------------------------------------- dropped

    def dropped(self) -> None:
        olds = {(d.kind, d.id): d for d in self.old.dropped}
        news = {(d.kind, d.id): d for d in self.new.dropped}
        for k, d in news.items():
            if k not in olds:
                self.add("Program", "", f"Dropped from the base: {d.kind} {d.id}", None, d.reason)
        for k, d in olds.items():
            if k not in news:
                self.add("Program", "", f"Dropped from the base: {d.kind} {d.id}", d.reason, None)


# ------------------------------------------------------------------ wording helpers


def _heading(kind: str, title: str, item: str) -> str:
    return f'{kind} "{title}" ({item})'


def _text(v: object) -> str:
    if v is None:
        return "none"
    if hasattr(v, "isoformat"):
        return str(v.isoformat())
    return str(v)




def _condition(c: ir.Condition) -> str:
    return f"{'document required' if c.kind == 'document' else 'term'}: {c.text}"


def _plain_points(v: Decimal) -> str:
    return fmt_amount(v, "integer")


def _kind(expr: ir.Expr) -> tuple[str, str]:
    return (expr.type.kind, expr.type.unit)
