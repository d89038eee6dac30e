"""Command-line conventions: --version, -h on every command, shell completion, fixed choice lists, `eval` text a
pipe or a narrow terminal can read (golden), diff of two different programs, eval --all with a program."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest
import typer
from rich.console import Console
from typer.testing import CliRunner

from compiler.cli.app import app
from compiler.cli.choices import DiffFormat, Engine

ROOT = Path(__file__).resolve().parents[2]
GLC = Path(sys.executable).parent / "glc"
NEAR_MISS = "examples/near_miss_loan.json"
GOLDEN = ROOT / "tests" / "cases" / "eval" / "near_miss_piped.txt"


def glc(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "compiler.cli", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, **(env or {})})


def commands() -> list[str]:
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    return sorted(group.commands)


def test_version_is_the_installed_packages() -> None:
    out = glc("--version")
    assert out.returncode == 0 and out.stdout == f"glc {version('guideline-compiler')}\n"


def test_short_and_long_help_on_every_command() -> None:
    runner = CliRunner()
    names = commands()
    assert {"check", "build", "eval", "explain", "diff", "screen", "test"} <= set(names)
    for args in ([], *([name] for name in names)):
        short, long = runner.invoke(app, [*args, "-h"]), runner.invoke(app, [*args, "--help"])
        assert short.exit_code == 0 and long.exit_code == 0, (args, short.output)
        assert short.output == long.output and "Usage: glc" in short.output, args


def test_root_help_offers_completion_and_version() -> None:
    out = CliRunner().invoke(app, ["--help"])
    for option in ("--install-completion", "--show-completion", "--version", "--project"):
        assert option in out.output


def test_completion_offers_the_fixed_choices() -> None:
    env = {"_GLC_COMPLETE": "complete_bash", "COMP_WORDS": "glc screen tape.csv --engine ", "COMP_CWORD": "4"}
    out = subprocess.run([str(GLC)], cwd=ROOT, capture_output=True, text=True, env={**os.environ, **env})
    assert out.returncode == 0 and out.stdout.split() == [e.value for e in Engine]


def test_engine_choices_are_the_engines() -> None:
    from compiler.screen.engines import ENGINES

    assert tuple(e.value for e in Engine) == ENGINES


@pytest.mark.parametrize(("args", "choices"), [
    (["screen", "tape.csv", "--engine", "postgres"], [e.value for e in Engine]),
    (["diff", "a.guideline", "b.guideline", "--format", "html"], [f.value for f in DiffFormat]),
    (["eval", "keystone_bank_statement", NEAR_MISS, "--format", "yaml"], ["text", "json"]),
])
def test_a_value_outside_a_choice_list_is_a_usage_error_listing_the_choices(args: list[str], choices: list[str]) -> None:
    out = glc(*args)
    assert out.returncode == 2
    for choice in choices:
        assert f"'{choice}'" in out.stderr
    assert "bug in glc" not in out.stderr


def test_diff_refuses_two_different_programs() -> None:
    old, new = "programs/keystone_bank_statement.guideline", "programs/harbor_dscr.guideline"
    out = glc("diff", old, new)
    assert out.returncode == 2 and out.stdout == ""
    assert len(out.stderr.strip().splitlines()) == 1
    assert "`keystone_bank_statement`" in out.stderr and "`harbor_dscr`" in out.stderr and "--allow-different" in out.stderr
    anyway = glc("diff", old, new, "--allow-different", "--format", "json")
    assert anyway.returncode == 0 and json.loads(anyway.stdout)["changes"]
    same = glc("diff", "programs/history/keystone_bank_statement@2025.2.guideline", old)
    assert same.returncode == 0, same.stderr


def test_eval_all_with_a_program_is_a_usage_error() -> None:
    out = glc("eval", "--all", "keystone_bank_statement", NEAR_MISS)
    assert out.returncode == 2 and out.stdout == ""
    assert "--all" in out.stderr and "keystone_bank_statement" in out.stderr and "not both" in out.stderr


def test_eval_piped_is_lines_with_units(update_golden: bool) -> None:
    """Golden: what `glc eval ... | less` shows. One line per finding (failures first), no rule id or word broken at
    80 columns, limits in their units (`Max LTV: 80%`)."""
    out = glc("eval", "keystone_bank_statement", NEAR_MISS, env={"COLUMNS": "80"})
    assert out.returncode == 0, out.stderr
    if update_golden:
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(out.stdout, encoding="utf-8")
    assert out.stdout == GOLDEN.read_text(encoding="utf-8")
    decision = json.loads(glc("eval", "keystone_bank_statement", NEAR_MISS, "-f", "json").stdout)
    lines = out.stdout.splitlines()
    shown = [f for f in decision["findings"] if f["outcome"] != "not_applicable"]
    for f in shown:
        assert sum(line.startswith(f"  {f['outcome']:<7} {f['rule_id']}: {f['message']}") for line in lines) == 1
    assert "  Max LTV: 80% (binding: primary_purchase;" in out.stdout
    assert "  Max CLTV: 80% (binding:" in out.stdout


def _decision() -> object:
    sys.path.insert(0, str(ROOT))
    try:
        from generated import Loan, check
    finally:
        sys.path.remove(str(ROOT))
    loan = Loan.model_validate(json.loads((ROOT / NEAR_MISS).read_text(encoding="utf-8")))
    return check("keystone_bank_statement", loan)


@pytest.mark.parametrize("width", [60, 80, 140])
def test_eval_on_a_terminal_never_breaks_a_rule_id(width: int, at_root: Path) -> None:
    """A terminal narrower than 120 columns gets word-wrapped lines; a wider one a table; rule ids stay whole."""
    from compiler.cli.eval import _print
    from compiler.driver import check_paths

    bundle = check_paths([ROOT / "programs"]).bundle
    assert bundle is not None
    d = _decision()
    buffer = io.StringIO()
    _print(d, Console(file=buffer, force_terminal=True, width=width, color_system=None, highlight=False, soft_wrap=True),
           bundle.vocabulary)
    text = buffer.getvalue()
    assert max(len(line) for line in text.splitlines()) <= width
    for f in d.findings:  # type: ignore[attr-defined]
        if f.outcome != "not_applicable":
            assert f.rule_id in text, (width, f.rule_id)
    assert "Max LTV: 80%" in text
    assert ("┃ rule" in text) == (width >= 120)
