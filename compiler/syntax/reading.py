"""Reading guideline files: the files a command names (folders expanded) and each file's text, or a diagnostic
saying why it cannot be read. Light on purpose: a build whose inputs are unchanged needs only this
(`compiler.build.manifest`), not the front end."""

from __future__ import annotations

from pathlib import Path

from compiler.diagnostics import Diagnostics
from compiler.source import Source, display_path, point

PROGRAM_SUFFIX = ".guideline"
VOCABULARY_SUFFIX = ".fields"
VOCABULARY_NAME = "loan.fields"
PORTFOLIO_SUFFIX = ".portfolio"
MAX_BYTES = 5_000_000


def find_portfolios(folder: Path) -> list[Path]:
    """The portfolio files of a folder (pool limits, stress scenarios), by name."""
    return sorted(p for p in folder.glob(f"*{PORTFOLIO_SUFFIX}") if p.is_file())



def read_source(path: Path, diags: Diagnostics) -> Source | None:
    """One file as text, or a diagnostic saying why it cannot be read."""
    shown = display_path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        diags.error("E602", f"No such file: {shown}.", None, "Check the path.")
        return None
    except IsADirectoryError:
        diags.error("E607", f"{shown} is a folder.", None, "Give the folder itself to `glc check`, not a file inside it.")
        return None
    except OSError as err:
        diags.error("E609", f"Cannot read {shown}: {err.strerror or err}.", None, "Check the file's permissions.")
        return None
    return decode_source(shown, data, diags)


def source_from_text(path: Path, text: str, diags: Diagnostics) -> Source | None:
    """A file's text held elsewhere than on disk (an editor's unsaved buffer), checked as `read_source` checks a
    file's bytes, so both give the same diagnostics."""
    return decode_source(display_path(path), text.encode("utf-8", errors="surrogatepass"), diags)


def decode_source(shown: str, data: bytes, diags: Diagnostics) -> Source | None:
    """A file's bytes as a `Source` (`shown`: its path as authors see it), or a diagnostic saying why they are not
    a guideline file's text."""
    if len(data) > MAX_BYTES:
        diags.error("E610", f"{shown} is {len(data):,} bytes; guideline files are under {MAX_BYTES:,}.", point(shown, 1, 1),
                    "Split the program into a base and variants.")
        return None
    if b"\0" in data:
        diags.error("E604", f"{shown} is a binary file, not a guideline.", point(shown, 1, 1),
                    "Guideline files are plain text; check you named the right file.")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        before = data[: err.start].decode("utf-8", errors="replace")
        line = before.count("\n") + 1
        col = len(before) - (before.rfind("\n") + 1) + 1
        src = Source(shown, data.decode("utf-8", errors="replace"))
        diags.error("E605", f"{shown} is not UTF-8 text: byte 0x{data[err.start]:02X} cannot be read.",
                    point(shown, line, col), "Save the file as UTF-8.")
        return src
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        diags.error("E606", f"{shown} is empty.", point(shown, 1, 1),
                    "Start it with `program <name>` and the header lines (see docs/language.md).")
        return None
    return Source(shown, text)


def discover(paths: list[Path], diags: Diagnostics) -> list[Path]:
    """The guideline files named, folders expanded (recursively)."""
    found: list[Path] = []
    for p in paths:
        if p.is_dir():
            inside = sorted(q for q in p.rglob("*") if q.suffix in (PROGRAM_SUFFIX, VOCABULARY_SUFFIX) and q.is_file())
            if not inside:
                diags.error("E608", f"{display_path(p)} holds no guideline files (*.guideline, *.fields).", None,
                            "Point `glc check` at the programs folder.")
            found.extend(inside)
        elif not p.exists():
            diags.error("E602", f"No such file or folder: {display_path(p)}.", None, "Check the path.")
        elif p.suffix not in (PROGRAM_SUFFIX, VOCABULARY_SUFFIX):
            diags.error("E603", f"{display_path(p)} is not a guideline file (expected *.guideline or *.fields).", None,
                        "Name guideline files `<program>.guideline`.")
        else:
            found.append(p)
    return list(dict.fromkeys(found))
