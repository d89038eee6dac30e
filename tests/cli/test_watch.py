"""`glc watch` as a user runs it: a real subprocess builds, rebuilds when a program is saved, keeps watching after
a failed build, and stops on Ctrl-C (exit 130, as every command)."""

from __future__ import annotations

import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WAIT = 300.0  # seconds for one build on a loaded machine; the test waits for output, it times nothing


class Lines:
    """The process's output, line by line, read on a thread so that waiting for a line can time out."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self.seen: list[str] = []
        self._q: queue.Queue[str | None] = queue.Queue()

        def pump() -> None:
            assert proc.stdout is not None
            for line in proc.stdout:
                self._q.put(line.rstrip("\n"))
            self._q.put(None)

        threading.Thread(target=pump, daemon=True).start()

    def until(self, start: str) -> str:
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            try:
                line = self._q.get(timeout=1)
            except queue.Empty:
                continue
            if line is None:
                break
            self.seen.append(line)
            if line.startswith(start):
                return line
        raise AssertionError(f"no line starting {start!r}; output so far:\n" + "\n".join(self.seen))


def test_watch_rebuilds_on_save_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "programs", tmp_path / "programs", ignore=shutil.ignore_patterns("tests"))
    program = tmp_path / "programs" / "keystone_bank_statement.guideline"
    generated = tmp_path / "generated" / "keystone_bank_statement.py"
    text = program.read_text(encoding="utf-8")
    assert "require dti <= 50%" in text
    proc = subprocess.Popen([sys.executable, "-m", "compiler.cli", "watch", "--interval", "0.1"], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        out = Lines(proc)
        assert out.until("built ").startswith("built 11 programs in ")
        out.until("watching programs")
        before = generated.read_text(encoding="utf-8")
        assert "v_dti <= _D49" not in before

        program.write_text(text.replace("require dti <= 50%", "require dti <= 49%", 1), encoding="utf-8")
        assert out.until("changed: ") == "changed: programs/keystone_bank_statement.guideline"
        built = out.until("built ")
        assert built.endswith("files changed") and "0 files" not in built
        assert "v_dti <= _D49" in generated.read_text(encoding="utf-8")

        program.write_text(text.replace("require dti <= 50%", "require dti <=", 1), encoding="utf-8")
        out.until("changed: ")
        assert "nothing written" in out.until("build failed")
        assert "v_dti <= _D49" in generated.read_text(encoding="utf-8")  # a failed build writes nothing

        program.write_text(text, encoding="utf-8")
        out.until("changed: ")
        out.until("built ")
        assert generated.read_text(encoding="utf-8") == before  # back as it was, still watching after the failure

        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=60) == 130
        out.until("glc: interrupted")
        assert not any("Traceback" in line for line in out.seen), "\n".join(out.seen)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
