"""What changed between two versions of a program, written out: text for credit officers, JSON, Markdown."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict

from compiler import ir_program
from compiler.escape import md
from compiler.tools.diff import Change, ProgramDiff


def render_text(d: ProgramDiff) -> str:
    """For credit officers: what changed, grouped by matrix and rule, each line with old -> new."""
    o, n = d.old, d.new
    lines = [f"{n.title} ({n.id}): version {o.version} (effective {o.effective}) -> {n.version} (effective {n.effective})"]
    if o.path != n.path:
        lines.append(f"  {o.path} -> {n.path}")
    c = d.counts()
    if not d.changes:
        lines.append("No changes.")
        return "\n".join(lines) + "\n"
    lines.append(f"{c['changes']} change{'s' if c['changes'] != 1 else ''}: {c['tightens']} tighten, {c['loosens']} loosen, "
                 f"{c['changes'] - c['tightens'] - c['loosens']} neither or not decidable")
    for heading, changes in _grouped(d.changes):
        cite = next((ch.citation for ch in changes if ch.citation), None)
        lines.append("")
        lines.append(heading + (f", {cite}" if cite else ""))
        lines.extend(f"  {ch.line()}" for ch in changes)
    return "\n".join(lines) + "\n"


def _grouped(changes: tuple[Change, ...]) -> list[tuple[str, list[Change]]]:
    groups: dict[str, list[Change]] = {}
    for ch in changes:
        groups.setdefault(ch.heading, []).append(ch)
    return list(groups.items())


def to_dict(d: ProgramDiff) -> dict[str, object]:
    def side(p: ir_program.Program) -> dict[str, str]:
        return {"version": p.version, "effective": p.effective.isoformat(), "path": p.path, "sha256": p.sha256}

    return {
        "program": d.new.id,
        "old": side(d.old),
        "new": side(d.new),
        **d.counts(),
        "items": [{**asdict(ch), "action": ch.action, "text": ch.sentence()} for ch in d.changes],
    }


def render_json(d: ProgramDiff) -> str:
    return json.dumps(to_dict(d), indent=2, ensure_ascii=False) + "\n"


def _bold(effect: str) -> str:
    return f"**{effect}**"


def render_markdown(d: ProgramDiff, heading_level: int = 2, effect_text: Callable[[str], str] = _bold,
                    after: Callable[[str], str] = lambda _item: "") -> str:
    """Markdown: a heading per matrix or rule, a bullet per change; guideline text escaped. `effect_text` writes
    "tightens"/"loosens" (bold by default), `after` what follows an item's changes (the site: the changed matrix)."""
    o, n = d.old, d.new
    hashes = "#" * heading_level
    out = [f"{hashes} Version {md(o.version)} → {md(n.version)}", "",
           f"Effective {o.effective.isoformat()} → {n.effective.isoformat()}. "]
    c = d.counts()
    if not d.changes:
        out[-1] += "No changes."
        return "\n".join(out) + "\n"
    out[-1] += (f"{c['changes']} change{'s' if c['changes'] != 1 else ''}: {c['tightens']} tighten, "
                f"{c['loosens']} loosen, {c['changes'] - c['tightens'] - c['loosens']} neither or not decidable.")
    for heading, changes in _grouped(d.changes):
        cite = next((ch.citation for ch in changes if ch.citation), None)
        out += ["", f"{hashes}# {md(heading)}", ""]
        if cite:
            out += [f"*{md(cite)}*", ""]
        for ch in changes:
            effect = f" {effect_text(ch.effect)}" if ch.effect else ""
            if ch.old is None:
                body = f"{md(ch.what)}: added" + (f": {md(ch.new)}" if ch.new else "")
            elif ch.new is None:
                body = f"{md(ch.what)}: removed" + (f": {md(ch.old)}" if ch.old else "")
            else:
                body = f"{md(ch.what)}: {md(ch.old)} → {md(ch.new)}"
            out.append(f"- {body}{effect}")
        extra = after(changes[0].item) if changes[0].item else ""
        if extra:
            out += ["", extra]
    return "\n".join(out) + "\n"
