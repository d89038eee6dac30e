"""Hostile text in every string of a program compiles into valid code that behaves the same and runs nothing."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = ROOT / "tests" / "cases" / "hostile" / "hostile.guideline"
PWNED = Path("/tmp/glc-pwned")


def test_hostile_program_compiles_to_code_that_behaves(tmp_path: Path) -> None:
    PWNED.unlink(missing_ok=True)
    (tmp_path / "programs").mkdir()
    shutil.copy(ROOT / "programs" / "loan.fields", tmp_path / "programs" / "loan.fields")
    shutil.copy(HOSTILE, tmp_path / "programs" / "hostile.guideline")
    out = subprocess.run([sys.executable, "-m", "compiler.cli", "build"], cwd=tmp_path, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
    code = (
        "import json, generated\nfrom generated.loan import Loan\n"
        "d = generated.check('hostile_text', Loan(fico=700, rent_free=True))\n"
        "print(json.dumps({'title': d.program.title, 'investor': d.program.investor, 'source': d.program.source,"
        " 'status': d.status, 'findings': [[f.rule_id, f.title, f.citation, f.outcome, f.message] for f in d.findings],"
        " 'conditions': [c.text for c in d.conditions]}))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    got = json.loads(run.stdout)
    assert got["title"] == 'Evil """ title {{ 7*7 }} </script><script>alert(1)</script> \\ back'
    assert got["investor"] == "Inv'estor \" '''  __import__('os').system('touch /tmp/glc-pwned') | * _ `code`"
    assert got["source"] == 'Source\nwith newline and \\n and "quotes" and """'
    findings = {f[0]: f for f in got["findings"]}
    assert findings["grid"][1] == "Grid \"\"\" <script>alert('x')</script>"
    assert findings["grid"][2] == "§1 \"\"\" ''' \\ {{ }} </script>"
    assert findings["min_fico"][1] == 'Min """ FICO {{ 1 }}'
    assert findings["min_fico"][3] == "pass"
    assert findings["docs"][3] == "review"
    assert "os.system('touch /tmp/glc-pwned')" in findings["docs"][4]
    assert got["status"] == "needs_info"
    assert got["conditions"] == ['Letter """ {% if %} </script> \\ \n end']
    assert not PWNED.exists()
    for py in (tmp_path / "generated").glob("*.py"):
        compile(py.read_text(encoding="utf-8"), str(py), "exec")  # valid Python
        text = py.read_text(encoding="utf-8")
        assert "exec(" not in text and "eval(" not in text
