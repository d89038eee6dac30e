"""The VS Code extension in editors/vscode/ is consistent with itself and with glc (no npm in CI: its files are
read, not run): the `guideline` language for .guideline files with the grammar at its path and `#` comments, and
the client starting `glc lsp`, a command glc has."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from compiler.cli.app import app

ROOT = Path(__file__).resolve().parents[2]
VSCODE = ROOT / "editors" / "vscode"


def test_the_extension_declares_the_language_its_grammar_and_its_server() -> None:
    manifest = json.loads((VSCODE / "package.json").read_text(encoding="utf-8"))
    [language] = manifest["contributes"]["languages"]
    assert language["id"] == "guideline" and ".guideline" in language["extensions"]
    [grammar] = manifest["contributes"]["grammars"]
    assert grammar == {"language": "guideline", "scopeName": "source.guideline", "path": "./syntaxes/guideline.tmLanguage.json"}
    grammar_file = VSCODE / grammar["path"]
    if grammar_file.exists():  # written by the highlighting work (issue 19, item 2)
        assert json.loads(grammar_file.read_text(encoding="utf-8"))["scopeName"] == grammar["scopeName"]
    config = json.loads((VSCODE / language["configuration"]).read_text(encoding="utf-8"))
    assert config["comments"] == {"lineComment": "#"} and ["(", ")"] in config["brackets"]
    assert (VSCODE / manifest["main"]).is_file() and "vscode-languageclient" in manifest["dependencies"]
    assert manifest["activationEvents"] == ["onLanguage:guideline"]
    settings = manifest["contributes"]["configuration"]["properties"]
    assert settings["guideline.server.path"]["default"] == "glc" and settings["guideline.server.args"]["default"] == ["lsp"]
    script = (VSCODE / manifest["main"]).read_text(encoding="utf-8")
    assert 'require("vscode-languageclient/node")' in script and '"server.args", ["lsp"]' in script
    assert CliRunner().invoke(app, ["lsp", "--help"]).exit_code == 0


def test_the_extension_script_is_valid_javascript() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("no Node.js here (the script is still read by the test above)")
    out = subprocess.run([node, "--check", str(VSCODE / "extension.js")], capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr
