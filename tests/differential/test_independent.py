"""The differential test is independent: a bug in the runtime's decision logic makes it fail.

Each case mutates the runtime's source text (in a temporary copy of `generated/`, whose `_runtime/` package is
`compiler/runtime/`, each module under a one-line header): the one module holding the text the mutation changes.
A child process (tests/differential/mutant.py) then loads the mutated package as both `generated._runtime` and
`compiler.runtime` and compares the generated checkers with the reference evaluator
on the differential loans, as tests/differential/test_differential.py does. The comparison must find disagreements: the
evaluator assembles its Decisions itself (compiler/evaluate_decision.py) and shares only the result data
classes with the runtime. The same child also puts the evaluator's facts through the mutated runtime's `decide`
(how the evaluator decided before): that comparison shares the logic and must see nothing, which is what
makes the first one meaningful. An unmutated copy agrees everywhere (the harness itself finds nothing).

GLC_MUTATION_EXAMPLES sets the loans per case (default 150, each decided by every program).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = int(os.environ.get("GLC_MUTATION_EXAMPLES", "150"))

# (what changes, the runtime's text, the mutated text): each must occur exactly once in the runtime's modules
MUTATIONS = {
    # the rule for combining a reduction with a cap: a cap is a ceiling of its own, never reduced
    "reduction_lowers_cap": (
        '        cands.append(LimitCandidate(rid, amount, f"capped at {fmt(amount, lim.kind, lim.unit)} ({rid})"))',
        '        cands.append(LimitCandidate(rid, amount - sum((a for _r, a in reductions[lim.id]), Decimal(0)),\n'
        '                                    f"capped at {fmt(amount, lim.kind, lim.unit)} ({rid})"))',
    ),
    # the loosest candidate binds instead of the lowest
    "loosest_candidate_binds": (
        "    best = min(cands, key=lambda c: c.value)",
        "    best = max(cands, key=lambda c: c.value)",
    ),
}

# The status of a generated `check` is decided by its `check_fast` (the wording comes from the runtime's `decide`
# when first read): these mutate that line in every generated checker (as compiler/backends/python/fast.py writes
# it). The runtime's `decide` is not mutated, so only the evaluator comparison is held to notice.
STATUS_LINE = '    status: rt.Status = "ineligible" if failed else "needs_info" if unresolved else "eligible"\n'
CHECKER_MUTATIONS = {
    # status: missing data outranks a failure
    "missing_outranks_fail": (
        STATUS_LINE,
        '    status: rt.Status = "needs_info" if unresolved else "ineligible" if failed else "eligible"\n',
    ),
    # status: unknown data passes (the language: a rule that needs a fact the loan does not give never passes)
    "missing_data_passes": (
        STATUS_LINE,
        '    status: rt.Status = "ineligible" if failed else "eligible"\n',
    ),
}


def _run(tmp_path: Path, mutation: str | None, checkers: bool = False) -> dict[str, object]:
    shipped = ROOT / "generated" / "_runtime"  # what the checkers import
    sources = {p.name: (shipped / p.name).read_text(encoding="utf-8") for p in (ROOT / "compiler" / "runtime").glob("*.py")}
    for name, text in sources.items():
        assert text.endswith((ROOT / "compiler" / "runtime" / name).read_text(encoding="utf-8")), "run `glc build`"
    copy = tmp_path / "copy"
    shutil.copytree(ROOT / "generated", copy / "generated", ignore=shutil.ignore_patterns("__pycache__"))
    if mutation is not None and checkers:
        old, new = CHECKER_MUTATIONS[mutation]
        modules = [p for p in sorted((copy / "generated").glob("*.py")) if "def check_fast(" in p.read_text(encoding="utf-8")]
        for path in modules:
            text = path.read_text(encoding="utf-8")
            assert text.count(old) == 1, f"{mutation}: {path.name} no longer reads as the mutation expects"
            path.write_text(text.replace(old, new), encoding="utf-8")
    elif mutation is not None:
        old, new = MUTATIONS[mutation]
        holders = [name for name, text in sources.items() if old in text]
        assert len(holders) == 1 and sources[holders[0]].count(old) == 1, \
            f"{mutation}: the runtime no longer reads as the mutation expects"
        (copy / "generated" / "_runtime" / holders[0]).write_text(sources[holders[0]].replace(old, new), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}
    out = subprocess.run([sys.executable, "-m", "tests.differential.mutant", str(copy), str(EXAMPLES)], cwd=ROOT,
                         capture_output=True, text=True, env=env, timeout=1800)
    assert out.returncode == 0, out.stdout + out.stderr
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    print(mutation, result)
    return result


def test_unmutated_runtime_agrees(tmp_path: Path) -> None:
    result = _run(tmp_path, None)
    assert result["decisions"] and result["evaluator"] == 0 and result["shared_logic"] == 0, result


@pytest.mark.parametrize("mutation", sorted(MUTATIONS))
def test_mutated_runtime_is_caught(tmp_path: Path, mutation: str) -> None:
    result = _run(tmp_path, mutation)
    assert result["evaluator"], f"{mutation}: the differential comparison did not notice: {result}"
    assert result["shared_logic"] == 0, f"{mutation}: facts through the mutated decide should agree: {result}"


@pytest.mark.parametrize("mutation", sorted(CHECKER_MUTATIONS))
def test_mutated_checker_status_is_caught(tmp_path: Path, mutation: str) -> None:
    result = _run(tmp_path, mutation, checkers=True)
    assert result["evaluator"], f"{mutation}: the differential comparison did not notice: {result}"
