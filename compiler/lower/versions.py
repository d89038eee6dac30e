"""Versions of one program side by side: which file is current, which are history, what each builds on.

Several `.guideline` files may say `program <id>`: each is one version, told apart by its `version:` and
`effective:` lines. The version with the latest effective date is current (`ir_program.Bundle.programs`); the
others are history (`ir_program.Bundle.history`). Two files of one program with the same version, or the same
effective date, are errors.

Inheritance: every version of a variant or overlay builds on the version of its base in force on the
variant's own effective date (so a version is one fixed set of rules, whatever is published later). When a
base has a newer version than the one the current variant builds on, a warning asks for a new version of
the variant.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from compiler.diagnostics import Diagnostics
from compiler.source import Span
from compiler.syntax import surface as s


@dataclass(frozen=True, slots=True)
class Stamp:
    """A program file's version and effective date, read from its header (None when absent or malformed)."""

    version: str | None
    effective: dt.date | None


def stamp(decl: s.ProgramDecl) -> Stamp:
    version: str | None = None
    effective: dt.date | None = None
    for line in decl.header:
        if line.key == "version" and version is None:
            version = str(line.value)
        elif line.key == "effective" and effective is None:
            if isinstance(line.value, dt.date):
                effective = line.value
            elif isinstance(line.value, str):
                try:
                    effective = dt.date.fromisoformat(line.value)
                except ValueError:
                    effective = None
    return Stamp(version, effective)


def _header_span(decl: s.ProgramDecl, key: str) -> Span:
    for line in decl.header:
        if line.key == key:
            return line.value_span
    return decl.name_span


@dataclass
class Split:
    """Program files split into the current version of each program and older versions."""

    current: list[s.ProgramDecl]
    history: list[s.ProgramDecl]
    by_id: dict[str, list[s.ProgramDecl]]  # every version of a program, oldest first

    def builds_on_older(self, decl: s.ProgramDecl, diags: Diagnostics) -> bool:
        """Whether a current variant builds on a version of its base older than the base's current one (which
        then takes effect after the variant's own date: warned, so that the lender issues a new version)."""
        base = base_name(decl)
        versions = self.by_id.get(base or "")
        on = stamp(decl).effective
        if base is None or not versions or len(versions) == 1 or on is None:
            return False
        used = in_force(versions, on)
        if used is None or used is versions[-1]:
            return used is None  # None: reported (E514) on the versioned path
        newer = next(d for d in versions if (stamp(d).effective or on) > on)
        diags.warning("W516", f"`{decl.name}` version \"{stamp(decl).version}\" takes effect on {on} and builds on "
                      f"\"{stamp(used).version}\" of `{base}`, the version in force then; `{base}` \"{stamp(newer).version}\" "
                      f"takes effect later, on {stamp(newer).effective}.", _header_span(decl, "extends" if any(
                          line.key == "extends" for line in decl.header) else "overlays"),
                      f"Review `{decl.name}` against `{base}` \"{stamp(versions[-1]).version}\" and add a new version of it.")
        return True


def split_versions(programs: list[s.ProgramDecl], diags: Diagnostics) -> Split:
    """Group files by program id; report clashing versions and dates; pick the current version of each."""
    groups: dict[str, list[s.ProgramDecl]] = {}
    for p in programs:
        groups.setdefault(p.name, []).append(p)
    current: list[s.ProgramDecl] = []
    history: list[s.ProgramDecl] = []
    by_id: dict[str, list[s.ProgramDecl]] = {}
    for pid, decls in groups.items():
        if len(decls) == 1:
            current.append(decls[0])
            by_id[pid] = decls
            continue
        kept: list[s.ProgramDecl] = []
        for d in decls:
            st = stamp(d)
            if st.version is None or st.effective is None:
                missing = "version" if st.version is None else "effective"
                diags.error("E515", f"Several files define program `{pid}`; this one has no valid `{missing}:` line, "
                            "so it cannot be placed among the versions.", _header_span(d, missing),
                            "Every version of a program states `version: \"...\"` and `effective: YYYY-MM-DD`.")
                continue
            clash = next((k for k in kept if stamp(k).version == st.version), None)
            if clash is not None:
                diags.error("E512", f"Version \"{st.version}\" of program `{pid}` is already defined in {clash.span.path}.",
                            _header_span(d, "version"),
                            "Give each version of a program its own `version:` line, or delete the copy.")
                continue
            clash = next((k for k in kept if stamp(k).effective == st.effective), None)
            if clash is not None:
                diags.error("E513", f"Two versions of program `{pid}` take effect on {st.effective}: "
                            f"\"{st.version}\" here and \"{stamp(clash).version}\" in {clash.span.path}.",
                            _header_span(d, "effective"),
                            "Each version takes effect on its own date; a checker picks the version in force on a date.")
                continue
            kept.append(d)
        if not kept:
            kept = [decls[0]]
        kept.sort(key=lambda d: stamp(d).effective or dt.date.min)
        by_id[pid] = kept
        current.append(kept[-1])
        history.extend(kept[:-1])
    return Split(current, history, by_id)


def in_force(versions: list[s.ProgramDecl], on: dt.date) -> s.ProgramDecl | None:
    """The version whose effective date is the latest on or before `on`."""
    found = None
    for d in versions:
        eff = stamp(d).effective
        if eff is not None and eff <= on:
            found = d
    return found


def base_name(decl: s.ProgramDecl) -> str | None:
    for line in decl.header:
        if line.key in ("extends", "overlays"):
            return str(line.value)
    return None


def chain_for(old: s.ProgramDecl, split: Split, diags: Diagnostics) -> list[s.ProgramDecl] | None:
    """An older version and the versions of its bases in force on its effective date (None if a base is missing)."""
    chain = [old]
    cur = old
    seen = {old.name}
    while (base := base_name(cur)) is not None and base not in seen:
        seen.add(base)
        versions = split.by_id.get(base)
        if not versions:
            return chain  # an unknown base: reported by inheritance
        on = stamp(cur).effective
        assert on is not None
        found = in_force(versions, on)
        if found is None:
            first = stamp(versions[0])
            diags.error("E514", f"`{cur.name}` version \"{stamp(cur).version}\" takes effect on {on}, before any "
                        f"version of its base `{base}` (the first, \"{first.version}\", takes effect on {first.effective}).",
                        _header_span(cur, "effective"),
                        f"Date this version on or after {first.effective}, or add the version of `{base}` it builds on.")
            return None
        chain.append(found)
        cur = found
    return chain
