"""The runtime's `__all__` is exactly what generated code uses, plus a few names each justified here."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import compiler.runtime as runtime

ROOT = Path(__file__).resolve().parent.parent.parent
GENERATED = ROOT / "generated"
BACKEND = ROOT / "compiler" / "backends" / "python"

# What the Python back end writes only for constructs no current program uses: a guideline that starts using one
# must not need a new runtime. Each is checked to be written by the back end (its source says `rt.<name>`).
EMITTED_NOT_YET_USED = {"days_between", "div_round", "greater", "isin", "known", "lesser", "neg", "not3"}

# The public API beyond what generated code calls: the types of a Decision's parts (callers annotate with them,
# tests build them).
PUBLIC = {"Condition", "LimitCandidate", "LimitResult", "Outcome"}


def used_by_generated() -> set[str]:
    """Every `rt.<name>` and `from ._runtime import <name>` in the generated modules (the runtime's own aside)."""
    used: set[str] = set()
    for path in sorted(GENERATED.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "rt":
                used.add(node.attr)
            elif isinstance(node, ast.ImportFrom) and node.level == 1 and node.module == "_runtime":
                used.update(a.name for a in node.names)
    return used


def test_all_is_what_generated_code_uses() -> None:
    used = used_by_generated()
    assert used, "no generated module calls the runtime: run `glc build`"
    assert not used & (EMITTED_NOT_YET_USED | PUBLIC), "now used: move it to the used names (drop it here)"
    assert set(runtime.__all__) == used | EMITTED_NOT_YET_USED | PUBLIC
    assert len(runtime.__all__) == len(set(runtime.__all__))


def test_emitted_names_are_written_by_the_back_end() -> None:
    source = "".join(p.read_text(encoding="utf-8") for p in sorted(BACKEND.glob("*.py")))
    written = set(re.findall(r"\brt\.(\w+)(?=[(\"])", source))  # `rt.add(` or the name `"rt.gt"`
    assert written >= EMITTED_NOT_YET_USED, EMITTED_NOT_YET_USED - written


def test_every_exported_name_exists_and_private_helpers_stay_private() -> None:
    for name in runtime.__all__:
        assert hasattr(runtime, name), name
        assert not name.startswith("_"), name
