"""The programs the service answers with, and their safe reload when `generated/` changes.

A `ProgramSet` is one consistent state of the project: the generated package (the checkers `check` and
`check_all` run, imported through `Project.import_generated`) and the checked IR of `programs/` it was built from
(what `explain`, the program pages and the desk's form use). It is loaded only when `generated/` is fresh, the
check `glc eval` makes (`compiler.build.build.check_fresh`), so the service's answers are the command line's.

The `Registry` holds the current set. A request takes the set once, at its start, and uses that object to the
end; a reload builds a whole new set beside it and swaps one reference, so a request in flight keeps the old
programs and never sees half of a rebuild. The registry watches `generated/` by a stamp (every file's name,
size and modification time), looked at no more than once per `interval` seconds, in a background thread; a
stamp that changed while a build was still writing (the check finds the files stale) leaves the old set in
place and is tried again at the next look.
"""

from __future__ import annotations

import dataclasses
import logging
import sys
import threading
import time
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import ModuleType
from typing import Any

from compiler import ir_program
from compiler.project import GENERATED, Project

log = logging.getLogger("glc.service")

Stamp = tuple[tuple[str, int, int], ...]


class NotReady(Exception):
    """The project cannot be served as it is (errors in the programs, generated/ missing or stale): why, in words."""


def stamp(folder: Path) -> Stamp:
    """Every file under `folder` (sorted) with its size and modification time in nanoseconds."""
    out: list[tuple[str, int, int]] = []
    if folder.is_dir():
        for p in sorted(folder.rglob("*")):
            if "__pycache__" in p.parts:
                continue
            try:
                st = p.stat()
            except OSError:
                continue
            if p.is_file():
                out.append((p.relative_to(folder).as_posix(), st.st_size, st.st_mtime_ns))
    return tuple(out)


@dataclass(frozen=True)
class ProgramSet:
    """The generated checkers and the checked programs they were built from, loaded together."""

    gen: ModuleType  # the generated package
    bundle: ir_program.Bundle
    stamp: Stamp
    loaded_at: float = field(default_factory=time.time)

    @property
    def ids(self) -> list[str]:
        return list(self.gen.PROGRAMS)

    def meta(self, program_id: str, on: Any = None) -> Any:
        """The `ProgramMeta` of the checker in force on `on` (current by default): the generated metadata (KeyError
        for an unknown id, the package's NotInForce for a day before the first version)."""
        return self.gen.checker(program_id, on).__globals__["META"]  # the checker module's own, not sys.modules'

    @cached_property
    def programs(self) -> dict[str, ir_program.Program]:
        return {p.id: p for p in self.bundle.programs}


def load(project: Project) -> ProgramSet:
    """A fresh `ProgramSet` of the project; NotReady when generated/ is missing or does not match programs/. Like
    every command, it runs in the project's folder (the generated files name their sources relative to it)."""
    from compiler.build.build import check_fresh

    project = dataclasses.replace(project)  # a new Project: its checked programs are read again
    before = stamp(project.generated)
    fresh = check_fresh(project)
    if not fresh.check.ok or fresh.check.bundle is None:
        raise NotReady(f"{project.programs_folder}/ has errors (or no programs): run `glc check` to see them.")
    if fresh.stale:
        raise NotReady("generated/ is missing or stale: run `glc build` first.")
    gen = _import_again(project)
    if gen is None:
        raise NotReady("No generated/ package here: run `glc build` in the project folder.")
    return ProgramSet(gen, fresh.check.bundle, before)


_import_lock = threading.Lock()


def _import_again(project: Project) -> ModuleType | None:
    """The generated package imported anew (a rebuild changed its files): the old modules stay alive for the
    requests that hold them, only `sys.modules` forgets them."""
    with _import_lock:
        old = {name: m for name, m in sys.modules.items() if name == GENERATED or name.startswith(GENERATED + ".")}
        for name in old:
            del sys.modules[name]
        try:
            gen = project.import_generated()
        except BaseException:
            sys.modules.update(old)
            raise
        if gen is None:
            sys.modules.update(old)
        return gen


class Registry:
    """The current `ProgramSet`, swapped whole when `generated/` changes (see the module's docstring)."""

    def __init__(self, project: Project, interval: float = 1.0) -> None:
        self.project = project
        self.interval = interval
        self._current: ProgramSet | None = None
        self.problem: str | None = None  # why there is no set (or why the last reload was refused)
        self._lock = threading.Lock()  # one reload at a time
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.reloads = 0

    @property
    def current(self) -> ProgramSet | None:
        return self._current  # one reference read: atomic

    def load(self) -> bool:
        """Load (or reload) now; True when a new set is in place."""
        with self._lock:
            try:
                new = load(self.project)
            except NotReady as why:
                self.problem = str(why)
                log.warning("programs not loaded: %s", why)
                return False
            except Exception as err:  # a generated package that cannot be imported: keep serving the old one
                self.problem = f"generated/ cannot be imported ({type(err).__name__}); run `glc build` again."
                log.warning("programs not loaded: %s", self.problem)
                return False
            if self._current is not None:
                self.reloads += 1
                log.info("programs reloaded: %d programs", len(new.ids))
            self._current, self.problem = new, None
            return True

    def changed(self) -> bool:
        """Whether generated/ differs from the loaded set's (or there is no set yet)."""
        now = self._current
        return now is None or stamp(self.project.generated) != now.stamp

    def watch(self) -> None:
        """Start the background thread that reloads when generated/ changes."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="glc-reload", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def _run(self) -> None:
        last_tried: Stamp | None = None
        while not self._stop.wait(self.interval):
            if not self.changed():
                continue
            seen = stamp(self.project.generated)
            if seen == last_tried and self._current is not None:
                continue  # this state was refused already; wait for the next change
            time.sleep(min(self.interval, 0.5))  # let a build that is writing finish its renames
            if stamp(self.project.generated) != seen:
                continue
            last_tried = seen
            self.load()
