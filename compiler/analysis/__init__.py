"""Static analysis of checked programs: warnings a credit officer should look at, each silenceable.

Runs after lowering when the run has no errors (compiler/driver.py). Each analysis reasons exactly over
the IR (intervals and value sets, `region` and `conditions`), never by sampling loans:

    W701 monotone   a better borrower gets a lower limit than a worse neighbour in a matrix
    W702 matrices   two matrices give the same limit to the same loan
    W703 matrices   loans the rules allow that no matrix covers
    W704 reach      a matrix band no eligible loan reaches
    W705 reach/rules  a matrix or rule that never applies
    W706 reach/rules  requirements (or a requirement and a matrix) no loan can meet together
    W707 overrides  an override that changes nothing
    W708            an `accept warning` line that accepts nothing
    W709 limits     a cap that can never bind (at or above every matrix value, or the range)
    W710 limits     a reduction that can never lower its limit

A warning is silenced by an `accept warning <code> because "<reason>"` line on the matrix or rule it
names (program-wide warnings: after the program's header lines).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from compiler import ir, ir_program
from compiler.analysis.codes import PROGRAM_WIDE, UNUSED_ACCEPT
from compiler.analysis.facts import Facts, Warning_
from compiler.analysis.limits import check_limit_adjustments
from compiler.analysis.matrices import check_coverage, check_overlaps
from compiler.analysis.monotone import check_monotone
from compiler.analysis.overrides import check_overrides
from compiler.analysis.reach import check_matrix_reach
from compiler.analysis.rules import check_contradictions, check_rule_applies, check_rule_vs_matrices
from compiler.build.cache import Memo, no_memo
from compiler.build.parallel import memo_each
from compiler.diagnostics import Diagnostic, Diagnostics
from compiler.source import Span

# What the analyses found in one program: warnings not accepted, acceptances used (span, code), every acceptance.
Found = tuple[list[Diagnostic], set[tuple[Span, str]], dict[tuple[Span, str], ir.Accepted]]


def analyse(programs: Iterable[ir_program.Program], vocabulary: ir_program.Vocabulary, diags: Diagnostics,
            history: Iterable[ir_program.Program] = (), memo: Memo = no_memo) -> None:
    """Every analysis over every program (current versions, then older ones); warnings not accepted go to `diags`.

    Bases are looked up among the current versions. A program's findings depend on it, its bases and the
    vocabulary only, so `memo` may find them from an earlier run.
    """
    current = list(programs)
    by_id = {p.id: p for p in current}
    used: set[tuple[Span, str]] = set()
    accepts: dict[tuple[Span, str], ir.Accepted] = {}

    everything = [*current, *history]
    jobs = [(program, partial(analyse_program, program, vocabulary, by_id)) for program in everything]
    for warned, used_here, accepts_here in memo_each(memo, "analysis", jobs):  # in worker processes, when that pays
        diags.extend(warned)
        used |= used_here
        accepts.update(accepts_here)

    for (span, code), _acc in sorted(accepts.items(), key=lambda kv: (kv[0][0].sort_key(), kv[0][1])):
        if (span, code) not in used:
            diags.warning(UNUSED_ACCEPT, f"`accept warning {code}` accepts nothing here: the analyses find no {code} "
                          "where this line stands.", span,
                          "Remove the line (the problem it accepted is gone), or move it to the matrix or rule the "
                          "warning names.")


def analyse_program(program: ir_program.Program, vocabulary: ir_program.Vocabulary, by_id: dict[str, ir_program.Program]) -> Found:
    """The analyses of one program (its bases, for overrides and inherited acceptances, from `by_id`)."""
    inherited = _base_chain(program, by_id)
    found = Diagnostics()
    used: set[tuple[Span, str]] = set()
    accepts: dict[tuple[Span, str], ir.Accepted] = {}

    def emit(w: Warning_) -> None:
        holders = w.holders + ((inherited,) if w.code in PROGRAM_WIDE else ())
        for holder in holders:
            for acc in holder:
                if w.code in acc.codes:
                    used.add((acc.span, w.code))
                    return
        found.warning(w.code, w.message, w.span, w.hint)

    facts = Facts(program, vocabulary)
    for m in program.matrices:
        check_monotone(m, facts, emit)
        check_matrix_reach(m, facts, emit)
    check_overlaps(facts, emit)
    check_coverage(facts, emit)
    for rule in program.rules:
        check_rule_applies(rule, facts, emit)
        check_rule_vs_matrices(rule, facts, emit)
        check_limit_adjustments(rule, facts, emit)
    check_contradictions(facts, emit)
    check_overrides(program, by_id, emit)

    holders = [program.accepted, *(m.accepted for m in program.matrices), *(r.accepted for r in program.rules)]
    for holder in holders:
        for acc in holder:
            for code in acc.codes:
                accepts[(acc.span, code)] = acc
    return found.items, used, accepts


def _base_chain(program: ir_program.Program, by_id: dict[str, ir_program.Program]) -> tuple[ir.Accepted, ...]:
    """Program-wide acceptances of the programs `program` builds on: they hold for it too."""
    out: list[ir.Accepted] = []
    seen = {program.id}
    base = by_id.get(program.base) if program.base else None
    while base is not None and base.id not in seen:
        seen.add(base.id)
        out.extend(base.accepted)
        base = by_id.get(base.base) if base.base else None
    return tuple(out)
