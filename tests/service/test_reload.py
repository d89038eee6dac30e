"""Programs are reloaded when generated/ changes, safely: in a copy of the project, a rebuilt keystone matrix reaches
the running server's answers without a restart, and a set of programs taken before the rebuild (as a request in
flight holds it) keeps answering with the old checkers."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from compiler.answers import decision_json
from compiler.loan_input import parse_loan, validate
from compiler.project import Project
from compiler.service.registry import Registry
from tests.service.server import GLC, serving

ROOT = Path(__file__).resolve().parents[2]
LOAN = (ROOT / "examples" / "near_miss_loan.json").read_bytes()
OLD_ROW = "| 700..719 | 85%           | 80%                    |"
NEW_ROW = "| 700..719 | 85%           | 85%                    |"
CHECK = "/v1/programs/keystone_bank_statement/check"
RELOAD_S = 120  # waiting for the watcher to see the rebuild, not a performance assertion


def _copy_project(dest: Path) -> Path:
    dest.mkdir()
    for name in ("glc.toml", "mkdocs.yml"):
        shutil.copy(ROOT / name, dest / name)
    for name in ("programs", "generated", "docs"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    return dest


def _max_ltv(decision: str | bytes) -> str:
    d = json.loads(decision)
    return next(lim["value"] for lim in d["limits"] if lim["limit"] == "max_ltv")  # type: ignore[no-any-return]


@pytest.fixture(autouse=True)
def _generated_restored() -> Iterator[None]:
    """The registry imports the copy's package as `generated`; later tests get the repository's back."""
    before = {k: v for k, v in sys.modules.items() if k == "generated" or k.startswith("generated.")}
    yield
    for k in [k for k in sys.modules if k == "generated" or k.startswith("generated.")]:
        del sys.modules[k]
    sys.modules.update(before)


def test_a_rebuild_is_served_without_a_restart_and_requests_in_flight_keep_the_old_programs(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = _copy_project(tmp_path / "proj")
    monkeypatch.chdir(project)  # glc works in the project's folder (paths in messages are relative to it)
    registry = Registry(Project.load(project))
    assert registry.load()
    before = registry.current
    assert before is not None
    old_loan = validate(parse_loan(LOAN), before.gen.Loan, before.bundle.vocabulary)
    old_answer = decision_json(before.gen.check("keystone_bank_statement", old_loan))
    assert _max_ltv(old_answer) == "80"

    with serving(project, tmp_path / "serve.log") as server:
        assert server.post(CHECK, LOAN).body.decode() == old_answer
        guideline = project / "programs" / "keystone_bank_statement.guideline"
        text = guideline.read_text(encoding="utf-8")
        assert OLD_ROW in text
        guideline.write_text(text.replace(OLD_ROW, NEW_ROW), encoding="utf-8")
        # programs/ changed but generated/ not yet: the server keeps answering with what it has
        assert server.post(CHECK, LOAN).body.decode() == old_answer
        built = subprocess.run([str(GLC), "build"], cwd=project, capture_output=True, text=True)
        assert built.returncode == 0, built.stderr
        deadline = time.monotonic() + RELOAD_S
        while server.get("/readyz").json()["reloads"] < 1:
            assert time.monotonic() < deadline, server.log_text()
            time.sleep(0.3)
        new_answer = server.post(CHECK, LOAN).body.decode()
        assert _max_ltv(new_answer) == "85"
        assert "Traceback" not in server.log_text()

    # the set taken before the rebuild still answers with the old checkers; a reload gives the new ones, the same
    # bytes as the server's
    assert decision_json(before.gen.check("keystone_bank_statement", old_loan)) == old_answer
    assert registry.load() and registry.current is not before
    after = registry.current
    assert after is not None
    new_loan = validate(parse_loan(LOAN), after.gen.Loan, after.bundle.vocabulary)
    assert decision_json(after.gen.check("keystone_bank_statement", new_loan)) == new_answer
    assert decision_json(before.gen.check("keystone_bank_statement", old_loan)) == old_answer
