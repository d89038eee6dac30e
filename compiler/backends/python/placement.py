"""Where the fast path binds its locals: each derived value and loan field where it is first needed.

`check_fast` (fast.py) is written as straight-line statements reading `v_<id>` (derived values), `f_<name>` (loan
fields, `loan.<name>` in what the emitter writes) and `s_<list>` (a list's one-pass scan); `placed` inserts each
one's binding lines into the body: inside the innermost block holding every statement that reads it (so what only
one branch reads is computed only when that branch runs), or right before the first top-level statement reading it.
What a binding reads is bound before it, the same way. Every binding is pure, so binding one twice is harmless.
"""

from __future__ import annotations

import re

_FIELD = re.compile(r"\bloan\.(\w+)")
_LOCAL = re.compile(r"\b[vfs]_\w+")


def _code(line: str) -> str:
    """A line without its trailing comment (generated code has no `  # ` inside a string)."""
    text = line.lstrip(" ")
    return "" if text.startswith("#") else line.split("  # ", 1)[0]


def placed(lines: list[str], values: dict[str, list[str]]) -> list[str]:
    """The body with each derived value (`v_<id>`, its lines in `values`) and each loan field (`f_<name>`, read
    from `loan` once) bound as a local where it is first needed: inside the innermost block holding every line that
    reads it (its lines run only when that block does), or, when no block holds them all, right before the first
    top-level statement reading it. A value's own reads are bound before it, the same way. A field read only once
    is read where it is used."""
    fields: dict[str, None] = {}
    # a field read once (one `loan.<name>` in all the code) stays `loan.<name>`: a local would only add a store
    reads_of: dict[str, int] = {}
    for line in [*lines, *(line for text in values.values() for line in text)]:
        for name in _FIELD.findall(_code(line)):
            reads_of[name] = reads_of.get(name, 0) + 1

    def localise(m: re.Match[str]) -> str:
        name = m.group(1)
        if reads_of.get(name, 0) < 2:
            return m.group(0)
        fields.setdefault(name)
        return f"f_{name}"

    def localised(line: str) -> str:
        code = _code(line)
        if not code:
            return line
        new = _FIELD.sub(localise, code)
        return new + line[len(code):]

    body = [localised(line) for line in lines]
    bindings = {name: [localised(line) for line in text] for name, text in values.items()}
    bindings.update({f"f_{name}": [f"f_{name} = loan.{name}"] for name in fields})

    def reads(text: str) -> list[str]:
        return [n for n in dict.fromkeys(_LOCAL.findall(_code(text))) if n in bindings]

    # each line's enclosing block headers (line numbers), and who reads what
    starts: list[int] = []  # the first line of each line's top-level statement (an `elif` belongs to its `if`)
    stack: list[tuple[int, int]] = []  # (depth, line number) of the open headers
    refs: dict[str, list[tuple[int, tuple[int, ...]]]] = {name: [] for name in bindings}
    start = 0
    for i, line in enumerate(body):
        depth = (len(line) - len(line.lstrip(" "))) // 4
        code = _code(line)
        if depth == 1 and not code.lstrip().startswith(("elif ", "else:")):
            start = i
        starts.append(start)
        if not code:
            continue
        while stack and stack[-1][0] >= depth:
            stack.pop()
        chain = tuple(n for _, n in stack)
        for name in reads(line):
            refs[name].append((i, chain))
        if code.rstrip().endswith(":"):
            stack.append((depth, i))
    deps = {name: [n for line in text for n in reads(line) if n != name] for name, text in bindings.items()}
    order: list[str] = []  # each name after every name it reads

    def visit(name: str) -> None:
        if name not in order:
            for dep in deps[name]:
                visit(dep)
            order.append(name)

    for name in bindings:
        visit(name)
    inserts: dict[int, list[str]] = {}  # line number -> lines to write before it
    for name in reversed(order):  # a value before what it reads, so that those see where it is bound
        sites = refs[name]
        if not sites:
            continue
        common = sites[0][1]
        for _, chain in sites[1:]:
            n = 0
            while n < len(common) and n < len(chain) and common[n] == chain[n]:
                n += 1
            common = common[:n]
        if common:  # first thing in the innermost block holding every read
            at, depth = common[-1] + 1, len(common) + 1
        else:  # right before the first top-level statement reading it
            at, depth = min(starts[i] for i, _ in sites), 1
        pad = "    " * depth
        inserts[at] = [pad + line for line in bindings[name]] + inserts.get(at, [])
        for dep in deps[name]:
            refs[dep].append((at, common))
    out: list[str] = []
    for i, line in enumerate(body):
        out += inserts.get(i, [])
        out.append(line)
    return out
