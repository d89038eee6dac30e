"""Writing files so that nothing is ever half-written, and saying plainly why a file could not be written.

Every output is first written to a temporary file in its destination folder (so the final rename never
crosses a filesystem: a `generated/` or `--out` folder on another volume works) and then renamed over the
destination with `os.replace`, which is atomic. A failure leaves the destination as it was and removes the
temporary file.

`describe_os_error` turns an `OSError` from the surroundings (disk full, read-only folder, permissions,
cross-device rename, missing folder) into one plain sentence; the command line reports such faults as what
they are, never as a bug in glc.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_NEW_FILE_MODE = 0o666 & ~_umask()  # what open() would give a new file; read once, at import (umask is per process)


def _mode_for(dest: Path) -> int:
    """The permission bits an output gets: those of the file it replaces, else a new file's (mkstemp's
    temporary files are owner-only, which a generated file must not inherit)."""
    try:
        return dest.stat().st_mode & 0o7777
    except OSError:
        return _NEW_FILE_MODE


@contextlib.contextmanager
def staged(dest: Path) -> Iterator[Path]:
    """A temporary path beside `dest` to write to; renamed over `dest` when the block ends without error,
    removed otherwise."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.chmod(tmp, _mode_for(dest))
        os.replace(tmp, dest)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def write_text(dest: Path, text: str) -> None:
    """`text` as UTF-8 with LF line endings, atomically."""
    write_bytes(dest, text.encode("utf-8"))


def write_bytes(dest: Path, data: bytes) -> None:
    with staged(dest) as tmp:
        tmp.write_bytes(data)


class Batch:
    """Several files replaced together: every file is staged beside its destination before any is renamed into
    place, so a failure while staging (disk full, read-only folder) changes nothing."""

    def __init__(self) -> None:
        self._staged: list[tuple[Path, Path]] = []

    def add(self, dest: Path, text: str, mode: int | None = None) -> None:
        """Stage `text` for `dest`; with `mode`, the file gets those permission bits (a file rewritten in place
        keeps its own), else those of the file it replaces, or a new file's."""
        dest.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent)
        tmp = Path(name)
        self._staged.append((tmp, dest))
        with os.fdopen(fd, "wb") as f:
            f.write(text.encode("utf-8"))
        os.chmod(tmp, mode if mode is not None else _mode_for(dest))

    def commit(self) -> None:
        for tmp, dest in self._staged:
            os.replace(tmp, dest)
        self._staged.clear()

    def discard(self) -> None:
        for tmp, _ in self._staged:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
        self._staged.clear()

    def __enter__(self) -> Batch:
        return self

    def __exit__(self, *exc: object) -> None:
        self.discard()  # after commit nothing is left to discard


_WHY = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the folder is on a read-only filesystem",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EXDEV: "it would move a file across filesystems",
    errno.ENOENT: "no such file or folder",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.EISDIR: "it is a folder",
    errno.ENAMETOOLONG: "the name is too long",
    errno.EMFILE: "too many files are open",
    errno.EIO: "an input/output error on the device",
}


def describe_os_error(err: OSError) -> str:
    """One sentence: what could not be done to which file, and why, in plain words."""
    why = _WHY.get(err.errno or 0) or (err.strerror or str(err)).rstrip(".")
    where = err.filename if err.filename is not None else None
    if where is None:
        return f"A file could not be read or written: {why}."
    name = os.fsdecode(where)
    if Path(name).name.startswith(".") and name.endswith(".tmp"):
        name = str(Path(name).parent)  # a temporary file of ours: the folder is what the user knows
    return f"Cannot use {name}: {why}."


def user_cache_home() -> Path | None:
    """glc's folder in the user's cache, shared by every project: `$GLC_CACHE_HOME` (empty: None, keep nothing),
    else `$XDG_CACHE_HOME/glc`, else `~/.cache/glc`. Not created here."""
    home = os.environ.get("GLC_CACHE_HOME")
    if home is None:
        home = str(Path(os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")) / "glc")
    return Path(home) if home else None
