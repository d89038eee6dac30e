"""Child process of tests/differential/test_independent.py: the evaluator-vs-checker comparison of
tests/differential/test_differential.py, run with a mutated runtime.

    python -m tests.differential.mutant GENERATED_COPY EXAMPLES

GENERATED_COPY is a folder holding a copy of `generated/` whose `_runtime/` package has been mutated. Before
anything imports the runtime, this process loads that same mutated package as `compiler.runtime` too, so that the
mutation is the runtime's (as if a module of `compiler/runtime/` had been edited and `glc build` run): the generated checkers and
anything in the compiler that still used the runtime's decision logic both see it. It then decides the
differential loans (tests/loans.py, derandomized) under every program by

- the generated checker (`generated.PROGRAMS[id]`, from the copy),
- the reference evaluator (`compiler.evaluate.evaluate`),
- the evaluator's facts put through the runtime's `decide` (how the evaluator decided before it had an assembly of
  its own: what a shared-logic comparison would see),

and prints one JSON object: decisions compared, and disagreements of the checker with each of the two.
Top-level imports are the standard library only: nothing may import the runtime before it is replaced.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path


def _load_runtime(folder: Path) -> object:
    """The package in `folder` as `compiler.runtime` (its modules, imported relatively, from that folder too)."""
    import compiler

    spec = importlib.util.spec_from_file_location("compiler.runtime", folder / "__init__.py",
                                                  submodule_search_locations=[str(folder)])
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["compiler.runtime"] = module
    spec.loader.exec_module(module)
    compiler.runtime = module  # type: ignore[attr-defined]
    return module


def main(copy: Path, examples: int) -> dict[str, object]:
    sys.path.insert(0, str(copy))  # `generated` is the mutated copy
    assert "compiler.runtime" not in sys.modules and "generated" not in sys.modules
    runtime = _load_runtime(copy / "generated" / "_runtime")

    from hypothesis import HealthCheck, given, settings

    import generated
    from compiler.driver import check_paths
    from compiler.evaluate import evaluate, facts_of
    from compiler.meta import program_meta
    from generated.loan import Loan
    from tests.loans import loans

    assert Path(generated.__file__).resolve().parent == (copy / "generated").resolve(), generated.__file__
    for name in ("", ".assemble", ".decision"):  # the checkers' runtime and the compiler's: both the mutated copy
        folder = copy / "generated" / "_runtime"
        assert Path(sys.modules["generated._runtime" + name].__file__ or "").parent == folder, name
        assert Path(sys.modules["compiler.runtime" + name].__file__ or "").parent == folder, name
    root = Path(__file__).resolve().parents[2]
    bundle = check_paths([root / "programs"]).bundle
    assert bundle is not None
    metas = {p.id: program_meta(p, bundle.vocabulary) for p in bundle.programs}
    counts = {"decisions": 0, "evaluator": 0, "shared_logic": 0}
    first: list[str] = []

    @settings(max_examples=examples, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(loans(bundle))
    def compare(data: dict[str, object]) -> None:
        loan = Loan.model_validate(data)
        for program in bundle.programs:
            checker = generated.PROGRAMS[program.id](loan).to_dict()
            counts["decisions"] += 1
            if evaluate(program, bundle.vocabulary, loan).to_dict() != checker:
                counts["evaluator"] += 1
                if not first:
                    first.append(program.id)
            if runtime.decide(metas[program.id], facts_of(program, loan)).to_dict() != checker:  # type: ignore[attr-defined]
                counts["shared_logic"] += 1

    compare()
    return {**counts, "first": first[0] if first else None}


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]), int(sys.argv[2]))))
