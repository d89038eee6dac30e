"""The reference evaluator's decision assembly: a loan's whole Decision, read off the checked IR.

`compiler.evaluate` works out the loan's facts (derived values, conditions, keys, requirements) with exact
fractions and Kleene logic; this module turns them into the `Decision`: findings in program order (matrices,
the eligibility-matrix finding, rules, limit checks), their messages, conditions, derived values, each limit
with its candidates and binding rule, and the status. It is written from the language reference
(docs/language.md sections 6.8, 8 and 9: matrices, `reduce`/`cap` and the `adjustments:` header, missing data,
`review`, conditions, limits), not from the runtime: `compiler.runtime.decide` and its helpers are neither
called nor copied, so the differential tests compare two independent assemblies.

Shared with the runtime and the generated checkers, and nothing else:
- the result data classes (`Decision`, `Finding`, `Condition`, `DerivedValue`, `LimitCandidate`,
  `LimitResult`, `ProgramInfo`) from `compiler.runtime`;
- `join_and` (a list in a message: `a, b and c`) from `compiler.runtime.values`;
- the compile-time wording of the IR that the generated modules' metadata is written from as well:
  `compiler.wording.describe` / `describe_requirement` (a `when` or `require` in English) and
  `compiler.ir.reads` (which fields and values a message quotes).
Values are shown in messages by the evaluator's own `say` (compiler/evaluate_words.py, not the runtime's `fmt`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol

from compiler import ir, ir_program
from compiler.evaluate_words import Words, say, words_of
from compiler.runtime import Condition, Decision, DerivedValue, Finding, LimitCandidate, LimitResult, ProgramInfo
from compiler.runtime.values import Undefined, join_and
from compiler.wording import describe_requirement


class Reading(Protocol):
    """One loan as `compiler.evaluate` reads it: what the assembly asks of the loan."""

    def field(self, name: str) -> Any:
        """A loan field: numbers as Decimals, enum values as text, None when unknown."""

    def value(self, name: str) -> Any:
        """A derived value of the program, None when unknown."""

    def truth(self, x: ir.Expr) -> bool | None:
        """A condition: true, false or unknown."""

    def number(self, x: ir.Expr) -> Any:
        """A numeric expression (a matrix key), None when unknown."""

    def met(self, q: ir.Requirement) -> bool | None:
        """A `require` with its `allow` alternatives: met, not met or unknown."""

    def invalid(self) -> dict[str, Any]:
        """The derived values that are invalid: outside their domain (-> what they came to) or reading one (-> None)."""


def assemble(program: ir_program.Program, vocabulary: ir_program.Vocabulary, loan: Reading) -> Decision:
    """The Decision for one loan under one program."""
    return _Assembly(program, words_of(program, vocabulary), loan).decision()


@dataclass(frozen=True)
class _Cell:
    """A limit given by the cell of a matrix that applies."""

    matrix: str
    limit: str
    value: Decimal
    said: str  # `Title: Row band, Column band = cell text`


@dataclass(frozen=True)
class _Adjusting:
    """A `reduce` or `cap` of a rule that applies (surely) or may apply (its `when` is unknown)."""

    rule: ir.Rule
    adjustment: ir.Adjustment
    surely: bool


class _Assembly:
    """One loan under one program, decided step by step in the order the findings are reported."""

    def __init__(self, program: ir_program.Program, words: Words, loan: Reading) -> None:
        self.program = program
        self.words = words
        self.loan = loan
        self.cells: list[_Cell] = []
        self.refused: dict[str, tuple[ir.Matrix, str]] = {}  # limit -> first matrix refusing the loan, and why
        self.outside: dict[str, tuple[tuple[str, ...], str]] = {}  # matrix -> what its key outside the bands reads
        self.adjusting: list[_Adjusting] = []
        # limit -> the first matrix giving it that is not read, what it needs (titles), the fields to supply
        self.unread: dict[str, tuple[ir.Matrix, tuple[str, ...], tuple[str, ...]]] = {}
        self.conditions: list[Condition] = []

    # ---------------------------------------------------------------- the loan's values, as messages quote them

    def is_value(self, name: str) -> bool:
        return name in self.words.reads

    def raw(self, name: str) -> Any:
        return self.loan.value(name) if self.is_value(name) else self.loan.field(name)

    def shown(self, name: str) -> str:
        invalid = self.loan.invalid()
        if name in invalid:  # section 3.4, "Domains"
            if invalid[name] is None:
                return "invalid (it reads a value outside its domain)"
            if isinstance(invalid[name], Undefined):  # divides by zero or less
                u = invalid[name]
                if u.name not in self.words.types:
                    return f"cannot be computed: it divides by {say(u.value)}"
                d = self.words.types[u.name]
                return f"cannot be computed: {self.words.titles.get(u.name, u.name)} is {say(u.value, d.kind, d.unit)}"
            value = self.program.value(name)
            band = value.domain.label if value is not None and value.domain is not None else ""
            kind = self.words.types[name]
            return f"{say(invalid[name], kind.kind, kind.unit)}, outside its domain ({band})"
        v = self.raw(name)
        if isinstance(v, (list, tuple)):
            return f"{len(v)} listed"
        t = self.words.types.get(name)
        return say(v, t.kind, t.unit) if t is not None else say(v)

    def quoted(self, names: tuple[str, ...] | list[str]) -> str:
        """`Title value, Title: n listed, ...` for the names a message quotes (never the seasoning date)."""
        parts = []
        for name in names:
            if name == self.program.seasoning_date:
                continue
            title, text = self.words.titles.get(name, name), self.shown(name)
            parts.append(f"{title}: {text}" if text.endswith("listed") else f"{title} {text}")
        return ", ".join(parts)

    def unknown_fields(self, names: tuple[str, ...] | list[str]) -> tuple[str, ...]:
        """The loan fields to supply: each unknown field named, and those an unknown derived value needs (a field
        under a `default` is not needed: its fallback stands in, and is needed in its place)."""
        out: list[str] = []
        seen: set[str] = set()

        def visit(name: str) -> None:
            if name in seen:
                return
            seen.add(name)
            if self.is_value(name):
                if self.loan.value(name) is None:
                    for inner in self.words.needs[name]:
                        visit(inner)
            elif self.loan.field(name) is None:
                out.append(name)

        for name in names:
            visit(name)
        return tuple(out)

    # ---------------------------------------------------------------- the decision

    def decision(self) -> Decision:
        p = self.program
        findings = [self.matrix(m) for m in p.matrices]
        for m, f in zip(p.matrices, findings, strict=True):  # section 9.5: a matrix not read leaves its limits unknown
            if f.outcome == "missing":
                labels = self.unknown_keys(m)[1] if self.applies(m.when) else \
                    [self.words.titles.get(n, n) for n in ir.reads(m.when) if self.shown(n) == "unknown"]
                for limit in m.gives:
                    self.unread.setdefault(limit, (m, tuple(labels), f.missing))
        covered = [self.applies(m.when) for m in p.matrices]
        if p.matrices and True not in covered and None not in covered and p.uncovered == "declined":
            selectors: list[str] = []
            for m in p.matrices:
                selectors += [n for n in (ir.reads(m.when) if m.when is not None else ()) if n not in selectors]
            findings.append(Finding("eligibility_matrix", "Eligibility matrix", "fail",
                                    f"No eligibility matrix of this program covers this loan ({self.quoted(selectors)}).",
                                    "", p.matrices[0].span.where))
        findings += [self.rule(r) for r in p.rules]
        findings = [self.deferred(f) if f.rule_id in self.outside else f for f in findings]
        limits = [self.limit(lim, surely_only=False) for lim in p.limits]
        findings += [self.limit_check(lim, result) for lim, result in zip(p.limits, limits, strict=True)]
        info = ProgramInfo(p.id, p.title, p.investor, p.lender, p.family, p.version, p.effective.isoformat(),
                           p.source_document, p.sha256)
        return Decision(info, _status(findings), tuple(findings), tuple(self.conditions), self.derived(), tuple(limits))

    def applies(self, when: ir.Expr | None) -> bool | None:
        return True if when is None else self.loan.truth(when)

    def derived(self) -> tuple[DerivedValue, ...]:
        out = []
        for v in self.program.values:
            value = self.loan.value(v.id)
            if isinstance(value, Decimal) and value.is_finite() and v.places is not None:
                exact = value.quantize(Decimal(1).scaleb(-v.places))
                value = exact if exact == value else value  # the declared decimals, never rounding
            elif not isinstance(value, (Decimal, bool, str)):
                value = None  # yes/no and choices are shown as they are (section 3.4)
            out.append(DerivedValue(v.id, v.title, value, {n: self.shown(n) for n in self.words.reads[v.id]}))
        return tuple(out)

    # ---------------------------------------------------------------- matrices (section 8)

    def matrix(self, m: ir.Matrix) -> Finding:
        def finding(outcome: Any, message: str, missing: tuple[str, ...] = ()) -> Finding:
            return Finding(m.id, m.title, outcome, message, m.citation or "", m.span.where, missing)

        applies = self.applies(m.when)
        if applies is False:
            return finding("not_applicable", f"Applies when {self.words.english(m.when)}.")
        if applies is None:
            reads = ir.reads(m.when)
            return finding("missing", f"Cannot tell whether it applies: {self.quoted(reads)}.",
                           self.unknown_fields(reads))
        at: list[int] = []
        place: list[str] = []
        for axis in (m.rows, m.columns) if m.columns is not None else (m.rows,):
            if not axis.simple:
                got = self.line_of(m, axis)
                if got is None:
                    return self.unread_finding(m)
                if isinstance(got, Finding):
                    return finding(got.outcome, got.message, got.missing)
                line, words = got
                at.append(line)
                place.append(words)
                continue
            reads = ir.reads(axis.expr)
            what = self.quoted(reads) or self.words.titles.get(axis.label, axis.label)
            key = self.loan.number(axis.expr)
            if key is None and any(n in self.loan.invalid() for n in reads):  # a key outside its domain
                self.refuse(m, what)
                return finding("fail", f"Not eligible: {what}.")
            if key is None:
                return self.unread_finding(m)
            band = next((i for i, b in enumerate(axis.bands) if b.contains(key)), None)
            if band is None:
                labels = ", ".join(b.label for b in axis.bands)
                self.refuse(m, f"{what} is outside the matrix bands ({labels})")
                self.outside[m.id] = (reads, f"{what} is outside the matrix bands ({labels})")
                return finding("fail", f"{what} is outside the matrix bands ({labels}).")
            at.append(band)
            place.append(f"{self.words.titles.get(axis.label, axis.label)} {axis.bands[band].label}")
        cell = m.cells[at[0]][at[1] if len(at) > 1 else 0]
        where = ", ".join(place)
        if cell.limits is None:  # N/A: not eligible
            self.refuse(m, f"{where} is N/A")
            return finding("fail", f"Not eligible: {where} is N/A.")
        self.cells += [_Cell(m.id, limit, value, f"{m.title}: {where} = {cell.text}") for limit, value in cell.limits]
        return finding("pass", f"{where}: {cell.text}.")

    def deferred(self, f: Finding) -> Finding:
        """A matrix key outside the bands that an applying rule already fails on (a requirement reading the same
        field or value is not met): the matrix points to that rule, whose failure declines the loan."""
        reads, why = self.outside[f.rule_id]
        for r in self.program.rules:
            if self.applies(r.when) is not True:
                continue
            for q in r.requirements:
                names = ir.reads(q)
                not_met = any(n in self.loan.invalid() for n in names) or self.loan.met(q) is False
                if not_met and set(names) & set(reads):
                    return Finding(f.rule_id, f.title, "not_applicable", f"{why}; see {r.title} ({r.id}).",
                                   f.citation, f.source)
        return f

    def refuse(self, m: ir.Matrix, why: str) -> None:
        """Section 15.2: a matrix that applies and refuses the loan leaves its limits without a value."""
        for limit in m.gives:
            self.refused.setdefault(limit, (m, why))

    def unread_finding(self, m: ir.Matrix) -> Finding:
        """Section 8: a matrix that applies whose key is unknown cannot be read: missing, naming every unknown key."""
        names, labels = self.unknown_keys(m)
        return Finding(m.id, m.title, "missing", f"Cannot tell which line applies: {join_and(labels)} unknown.",
                       m.citation or "", m.span.where, self.unknown_fields(names))

    def unknown_keys(self, m: ir.Matrix) -> tuple[list[str], list[str]]:
        """What each unknown key of a matrix reads that is unknown, and its title, rows then columns, key by key (a
        key outside its domain is not unknown; a key after the first unknown one outside its bands does not
        decide)."""
        names: list[str] = []
        labels: list[str] = []
        for axis in (m.rows, m.columns) if m.columns is not None else (m.rows,):
            for i, (label, k) in enumerate(zip(axis.labels, axis.keys, strict=True)):
                flag = axis.flag(i)
                if (flag and self.loan.field(flag) is True) or self.loan.number(k) is not None:
                    continue
                reads = ir.reads(k)
                if any(n in self.loan.invalid() for n in reads):
                    continue
                unknown = [n for n in reads if self.shown(n) == "unknown"] or list(reads)
                names += [n for n in unknown if n not in names]
                titles = [self.words.titles.get(n, n) for n in unknown] or [self.words.titles.get(label, label)]
                labels += [t for t in titles if t not in labels]
        return names, labels

    def line_of(self, m: ir.Matrix, axis: ir.Axis) -> tuple[int, str] | Finding | None:
        """The line of a choice-keyed or several-key axis holding the loan's keys, and how the place reads
        (`Credit grade a_plus, FICO 720+`); a missing or failing finding (fields only) when there is none. Key by
        key: one outside its domain refuses the loan, one unknown is missing; keys in no line refuse the loan."""
        keys: list[Any] = []
        every: list[str] = []
        for i, (_label, k) in enumerate(zip(axis.labels, axis.keys, strict=True)):
            reads = ir.reads(k)
            every += [r for r in reads if r not in every]
            flag = axis.flag(i)  # a score key with a `no score` line: a loan without a score falls in it
            v = ir.NO_SCORE if flag and self.loan.field(flag) is True else self.loan.number(k)
            if v is None and any(n in self.loan.invalid() for n in reads):  # a key outside its domain
                self.refuse(m, self.quoted(reads))
                return Finding("", "", "fail", f"Not eligible: {self.quoted(reads)}.", "", "")
            if v is None:
                return None  # `unread` says which keys are unknown
            keys.append(v)
        line = axis.index(tuple(keys))
        if line is None:
            why = f"{self.quoted(tuple(every)) or axis.label} is in no line of the matrix"
            self.refuse(m, why)
            self.outside[m.id] = (tuple(every), why)
            return Finding("", "", "fail", f"{why}.", "", "")
        words = ", ".join(
            f"{self.words.titles.get(label, label)} {e.label if isinstance(e, ir.Band) else say(v)}"
            for label, e, v in zip(axis.labels, axis.lines[line], keys, strict=True))
        return line, words

    # ---------------------------------------------------------------- rules (section 9)

    def rule(self, r: ir.Rule) -> Finding:
        def finding(outcome: Any, message: str, missing: tuple[str, ...] = ()) -> Finding:
            return Finding(r.id, r.title, outcome, message, r.citation or "", r.span.where, missing)

        def requirements(outcome: Any, verb: str, which: list[ir.Requirement]) -> Finding:
            reads: list[str] = []
            for q in which:
                reads += [n for n in ir.reads(q) if n not in reads]
            quoted = self.quoted(reads)
            text = "; ".join(describe_requirement(q, self.words.titles) for q in which)
            return finding(outcome, f"{verb}: {text}" + (f" ({quoted})." if quoted else "."),
                           self.unknown_fields(reads) if outcome == "missing" else ())

        applies = self.applies(r.when)
        if applies is False:  # a rule that does not apply is silent
            return finding("not_applicable", f"Applies when {self.words.english(r.when)}.")
        # reductions and caps count when the rule applies and, conservatively, when that is unknown
        self.adjusting += [_Adjusting(r, a, applies is True) for a in r.adjustments]
        if applies is True:  # conditions only for a loan the rule surely applies to
            self.conditions += [Condition(c.kind, c.text, r.id, r.citation or "") for c in r.conditions]
        # a requirement reading an invalid value (outside its domain) is not met (section 3.4), whatever else
        results = [False if any(n in self.loan.invalid() for n in ir.reads(q)) else self.loan.met(q)
                   for q in r.requirements]
        failed = [q for q, ok in zip(r.requirements, results, strict=True) if ok is False]
        unknown = [q for q, ok in zip(r.requirements, results, strict=True) if ok is None]
        if applies is None and (failed or unknown or r.reviews or not r.requirements):
            # whether it applies matters: ask for what decides that
            reads = ir.reads(r.when)
            return finding("missing",
                           f"Cannot tell whether it applies ({self.words.english(r.when)}): {self.quoted(reads)}.",
                           self.unknown_fields(reads))
        if failed:
            return requirements("fail", "Not met", failed)
        if unknown:
            return requirements("missing", "Cannot check", unknown)
        if r.reviews:
            return finding("review", " ".join(r.reviews))
        if r.requirements:
            return requirements("pass", "Met", list(r.requirements))
        return finding("pass", self.applied(r))

    def applied(self, r: ir.Rule) -> str:
        """Section 9.5: what a rule that applies with nothing to check does; under `first applicable`, an adjustment
        of a limit that an earlier rule which applies already set is not applied, and the message says which."""
        def said(a: ir.Adjustment) -> str:
            title = self.words.limit_titles.get(a.limit, a.limit)
            return f"{a.kind} {title} {'by' if a.kind == 'reduce' else 'at'} {a.text}"

        setter: dict[str, ir.Rule] = {}
        for x in self.adjusting:
            limit = x.adjustment.limit
            if x.rule is not r and x.surely and self.program.combine_of(limit) == "first" and limit not in setter:
                setter[limit] = x.rule
        done = [said(a) for a in r.adjustments if a.limit not in setter] + [f"{c.kind}: {c.text}" for c in r.conditions]
        skipped = [a for a in r.adjustments if a.limit in setter]
        if not skipped:
            return "Applies: " + "; ".join(done) + "."
        who: dict[str, list[str]] = {}
        for a in skipped:
            titles = who.setdefault(f"{setter[a.limit].title} ({setter[a.limit].id})", [])
            title = self.words.limit_titles.get(a.limit, a.limit)
            titles += [title] if title not in titles else []
        because = join_and(f"{rule} set {join_and(titles)} first" for rule, titles in who.items())
        not_applied = "; ".join(said(a) for a in skipped)
        if not done:
            return f"Not applied: {self.words.english(r.when) or not_applied} because {because}."
        return f"Applies: {'; '.join(done)}; not applied: {not_applied} because {because}."

    # ---------------------------------------------------------------- limits (sections 3.5, 8 and 9.5)

    def amount(self, a: ir.Adjustment) -> Decimal | None:
        """What a reduction or cap amounts to for this loan: its literal, or the value or field it names (None when
        that is unknown, N/A in its table, or outside its domain)."""
        if a.by is None:
            return a.amount
        v = None if a.by.name in self.loan.invalid() else self.raw(a.by.name)
        return None if v is None else Decimal(v)

    def unresolved(self, lim_id: str, surely_only: bool = False) -> tuple[_Adjusting, str] | None:
        """A reduction or cap of the limit whose amount is not known (section 9.5), and what that makes the limit.
        A rule that surely applies whose table says N/A for the loan (or whose value is outside its domain) makes
        the loan not eligible under the limit (`not_eligible`); an amount that unknown data decides, or a rule that
        may not apply, leaves the limit `unknown`. None when every amount is known. Under `first applicable` only
        the first rule that (may) apply counts: one that only may apply leaves the limit unknown (`when`)."""
        adjusting = self.first_adjusting(lim_id)
        if adjusting is not None and adjusting and not adjusting[0].surely:
            return adjusting[0], "when"
        gone = [x for x in (self.adjusting if adjusting is None else adjusting) if x.adjustment.limit == lim_id
                and (x.surely or not surely_only) and self.amount(x.adjustment) is None]
        for x in gone:
            assert x.adjustment.by is not None
            name = x.adjustment.by.name
            if x.surely and (name in self.loan.invalid() or not self.unknown_fields([name])):
                return x, "not_eligible"
        return (gone[0], "unknown") if gone else None

    def first_adjusting(self, lim_id: str) -> list[_Adjusting] | None:
        """Under `first applicable` (section 9.5): the reductions and caps of the limit by the first rule, in program
        order, that applies or may apply (none when no rule does); None under the other combinations."""
        if self.program.combine_of(lim_id) != "first":
            return None
        first = next((x.rule.id for x in self.adjusting if x.adjustment.limit == lim_id), None)
        return [x for x in self.adjusting if x.adjustment.limit == lim_id and x.rule.id == first]

    def untold(self, lim_id: str, gone: tuple[_Adjusting, str] | None) -> bool:
        """Section 9.5: a matrix giving the limit that applies or may apply cannot be read (its `when` or a key is
        unknown): the limit is unknown, whatever caps or other cells are known (that matrix's cell could be lower),
        unless the loan is not eligible under the limit whatever the cell (a rule that surely applies capping or
        reducing it by a value its table says is N/A)."""
        return lim_id in self.unread and (gone is None or gone[1] != "not_eligible")

    def limit(self, lim: ir.Limit, surely_only: bool) -> LimitResult:
        """The lowest matrix cell, with the reductions and caps of the rules that (may) apply, combined as the
        program's `adjustments:` line says; the lowest candidate binds. `surely_only`: only the rules that surely
        apply."""
        if lim.id in self.refused:  # no cell: neither a cap nor a reduction gives a limit
            m, why = self.refused[lim.id]
            return LimitResult(lim.id, lim.title, None, None, f"not eligible under {m.title}: {why}", (),
                               "not_eligible")
        kind, unit = lim.type.kind, lim.type.unit
        first = self.first_adjusting(lim.id)
        adjusting = [x for x in self.adjusting if x.adjustment.limit == lim.id and (x.surely or not surely_only)] \
            if first is None else first
        gone = self.unresolved(lim.id, surely_only)
        if self.untold(lim.id, gone):
            m, titles, _fields = self.unread[lim.id]
            said = f"{m.title} needs {join_and(titles)}" if titles else f"{m.title} cannot be read"
            return LimitResult(lim.id, lim.title, None, None, said, (), "unknown")
        if gone is not None:
            x, state = gone
            if state == "when":
                said = f"{x.rule.title} may apply first ({self.quoted(ir.reads(x.rule.when))})" \
                    if x.rule.when is not None else x.rule.title
                return LimitResult(lim.id, lim.title, None, None, f"{said} ({x.rule.id})", (), "unknown")
            assert x.adjustment.by is not None
            name = x.adjustment.by.name
            title = self.words.titles.get(name, name)
            if state == "unknown":
                said = f"{title} is unknown"
            elif name in self.loan.invalid():
                said = f"not eligible: {self.quoted([name])}"
            else:
                said = f"not eligible: {title} is N/A for this loan"
            return LimitResult(lim.id, lim.title, None, None, f"{said} ({x.rule.id})", (), state)  # type: ignore[arg-type]
        reductions = [(x, self.amount(x.adjustment) or Decimal(0)) for x in adjusting if x.adjustment.kind == "reduce"]
        caps = [(x, self.amount(x.adjustment) or Decimal(0)) for x in adjusting if x.adjustment.kind == "cap"]
        candidates: list[LimitCandidate] = []
        cells = [c for c in self.cells if c.limit == lim.id]
        mode = self.program.combine_of(lim.id)
        if cells:  # several matrices apply: the lowest cell wins (the first of equals)
            base = min(cells, key=lambda c: c.value)
            if mode == "caps_first":  # the cell as it is: every reduction comes off the lowest of it and the caps
                candidates.append(LimitCandidate(base.matrix, base.value, base.said))
            elif mode == "stacked" and reductions:  # every reduction at once
                total = sum((amount for _x, amount in reductions), Decimal(0))
                rules = ", ".join(x.rule.id for x, _a in reductions)
                candidates.append(LimitCandidate(base.matrix, base.value - total,
                                                 f"{base.said}, less {say(total, kind)} ({rules})"))
            else:  # lowest wins: the cell itself, and the cell less each reduction on its own
                candidates.append(LimitCandidate(base.matrix, base.value, base.said))
                candidates += [LimitCandidate(x.rule.id, base.value - amount,
                                              f"{base.said} less {say(amount, kind)} ({x.rule.id})")
                               for x, amount in reductions]
        # a reduction needs a cell to reduce; a cap is a ceiling of its own
        candidates += [LimitCandidate(x.rule.id, amount, f"capped at {say(amount, kind, unit)} ({x.rule.id})")
                       for x, amount in caps]
        if mode == "caps_first" and reductions:  # `reductions last`: each candidate less every reduction
            total = sum((amount for _x, amount in reductions), Decimal(0))
            rules = ", ".join(x.rule.id for x, _a in reductions)
            candidates = [LimitCandidate(c.rule_id, c.value - total, f"{c.description}, less {say(total, kind)} ({rules})")
                          for c in candidates]
        if not candidates:
            return LimitResult(lim.id, lim.title, None, None, "no limit applies", (), "none")
        binding = min(candidates, key=lambda c: c.value)  # the first of equals
        return LimitResult(lim.id, lim.title, binding.value, binding.rule_id, binding.description, tuple(candidates))

    def limit_check(self, lim: ir.Limit, result: LimitResult) -> Finding:
        """Within the limit passes, above it fails; unknown data is missing, and so is a loan above the limit only
        because of a rule that may not apply."""
        p = self.program
        by = {m.id: m.citation or "" for m in p.matrices} | {r.id: r.citation or "" for r in p.rules}

        def finding(outcome: Any, message: str, missing: tuple[str, ...] = ()) -> Finding:
            return Finding(lim.id, lim.title, outcome, message, by.get(result.binding_rule or "", ""), lim.span.where,
                           missing)

        if lim.id in self.refused:
            return Finding(lim.id, lim.title, "not_applicable", f"No limit: {result.description}.",
                           self.refused[lim.id][0].citation or "", lim.span.where)
        if self.untold(lim.id, self.unresolved(lim.id)):
            m, _titles, fields = self.unread[lim.id]
            return Finding(lim.id, lim.title, "missing", f"Cannot tell the maximum: {result.description}.",
                           m.citation or "", lim.span.where, fields)
        if result.state in ("not_eligible", "unknown"):  # a reduction or cap whose amount is not known
            picked = self.unresolved(lim.id)
            assert picked is not None
            gone = picked[0]
            if picked[1] == "when":  # `first applicable`: a rule before the one that applies may apply
                reads = ir.reads(gone.rule.when) if gone.rule.when is not None else ()
                return Finding(lim.id, lim.title, "missing", f"Cannot tell the maximum: {result.description}.",
                               gone.rule.citation or "", lim.span.where, self.unknown_fields(reads))
            assert gone.adjustment.by is not None
            if result.state == "not_eligible":
                return Finding(lim.id, lim.title, "fail", f"No limit: {result.description}.", gone.rule.citation or "",
                               lim.span.where)
            return Finding(lim.id, lim.title, "missing", f"Cannot tell the maximum: {result.description}.",
                           gone.rule.citation or "", lim.span.where, self.unknown_fields([gone.adjustment.by.name]))
        if result.value is None:
            return finding("not_applicable", "No limit applies to this loan.")
        kind, unit = lim.type.kind, lim.type.unit
        on = self.words.titles.get(lim.on, lim.on)
        maximum = say(result.value, kind, unit)
        actual = self.raw(lim.on)
        if actual is None and lim.on in self.loan.invalid():
            return finding("fail", f"{on} {self.shown(lim.on)}; the maximum is {maximum}.")
        if actual is None:
            return finding("missing", f"{on} is unknown; the maximum is {maximum}.", self.unknown_fields([lim.on]))
        shown = f"{on} {say(Decimal(actual), kind, unit)}"
        if actual <= result.value:
            return finding("pass", f"{shown} is within the maximum {maximum} ({result.description}).")
        surely = self.limit(lim, surely_only=True)
        if surely.value is None or actual <= surely.value:
            rule = next((r for r in p.rules if r.id == result.binding_rule), None)
            reads = ir.reads(rule.when) if rule is not None and rule.when is not None else ()
            return finding("missing", f"{shown} exceeds {maximum} only if {result.binding_rule} applies, which depends "
                                      f"on unknown data ({result.description}).", self.unknown_fields(reads))
        return finding("fail", f"{shown} exceeds the maximum {maximum} ({result.description}).")


def _status(findings: list[Finding]) -> Any:
    """Any rule failed: ineligible; else any missing data or referral: needs_info; else eligible."""
    outcomes = {f.outcome for f in findings}
    if "fail" in outcomes:
        return "ineligible"
    if outcomes & {"missing", "review"}:
        return "needs_info"
    return "eligible"
