"""Property: whatever the bytes, `glc check` reports diagnostics and never raises.

Hypothesis mutates the real programs (delete, duplicate and swap tokens and lines, insert random bytes)
and runs the whole front end on the result. The example count is sized to keep CI fast; raise
GLC_FUZZ_EXAMPLES for a longer run.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compiler.diagnostics import render_text, to_json
from compiler.driver import check_paths

ROOT = Path(__file__).resolve().parents[2]
PROGRAMS = sorted((ROOT / "programs").glob("*.guideline"))
VOCABULARY = ROOT / "programs" / "loan.fields"
EXAMPLES = int(os.environ.get("GLC_FUZZ_EXAMPLES", "1000"))


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    path = draw(st.sampled_from([*PROGRAMS, VOCABULARY]))
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["del_line", "dup_line", "swap_lines", "del_token", "dup_token", "swap_tokens", "bytes"]))
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        j = draw(st.integers(0, len(lines) - 1))
        if op == "del_line":
            del lines[i]
        elif op == "dup_line":
            lines.insert(i, lines[i])
        elif op == "swap_lines":
            lines[i], lines[j] = lines[j], lines[i]
        else:
            tokens = lines[i].split(" ")
            k = draw(st.integers(0, len(tokens) - 1))
            m = draw(st.integers(0, len(tokens) - 1))
            if op == "del_token":
                del tokens[k]
            elif op == "dup_token":
                tokens.insert(k, tokens[k])
            elif op == "swap_tokens":
                tokens[k], tokens[m] = tokens[m], tokens[k]
            lines[i] = " ".join(tokens)
    data = "".join(lines).encode("utf-8")
    if draw(st.booleans()):
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:]
    return path.name, data


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_check_never_raises(case: tuple[str, bytes]) -> None:
    name, data = case
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        target = folder / name
        if name != VOCABULARY.name:
            (folder / VOCABULARY.name).write_bytes(VOCABULARY.read_bytes())
        target.write_bytes(data)
        result = check_paths([folder])
        # rendering must work for whatever was found
        render_text(result.diagnostics, result.sources)
        to_json(result.diagnostics)
        for d in result.diagnostics:
            assert d.message and d.hint, d
