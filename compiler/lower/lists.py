"""Named reference lists: the built-in ones (`compiler.reference`) and the vocabulary's `list` items.

Consumes `surface.ListDecl`s and the vocabulary's fields; produces `ir.NamedList`s by name. A list is some of
the codes of its source: a built-in list, a list declared before it, or a `one of` field. A field typed
`one of <list>` takes the list's codes as its choices and its labels as theirs; `x in <list>` is lowered
(`lower.expr`) to the same membership test as `x in (a, b, ...)`, naming the list for people.
"""

from __future__ import annotations

from compiler import ir
from compiler.diagnostics import Diagnostics, did_you_mean
from compiler.reference import builtin_lists
from compiler.syntax import surface as s

_US = "two-letter postal codes such as CA, NY, TX"
_KIND_OF_CODES = {
    "countries": "ISO 3166-1 two-letter codes such as US, CA, MX; GB for the United Kingdom",
    "us_states": _US, "us_states_and_dc": _US + ", DC", "us_territories": "PR, GU, VI, AS, MP, UM",
    "us_jurisdictions": _US + ", DC, PR",
}


def builtin() -> dict[str, ir.NamedList]:
    """The built-in lists as IR, by name."""
    return {b.name: ir.NamedList(b.name, b.title, b.name, b.codes, b.labels, True) for b in builtin_lists().values()}


def _source_codes(name: str, lists: dict[str, ir.NamedList], fields: dict[str, ir.Field]
                  ) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    if name in lists:
        return lists[name].codes, lists[name].labels
    f = fields.get(name)
    if f is not None and f.type.kind == "enum":
        return f.type.values, f.type.labels or f.type.values
    return None


def lower_list(decl: s.ListDecl, lists: dict[str, ir.NamedList], fields: dict[str, ir.Field],
               diags: Diagnostics) -> ir.NamedList | None:
    """One `list` item against the lists and fields known so far (None when it cannot be built: reported)."""
    source = _source_codes(decl.source.name, lists, fields)
    if source is None:
        known = [*lists, *(n for n, f in fields.items() if f.type.kind == "enum")]
        what = "a field that is not `one of` choices" if decl.source.name in fields else "not a list or a field"
        diags.error("E240", f"`{decl.source.name}` is {what}: a list takes its codes from a list or a `one of` field."
                            f"{did_you_mean(decl.source.name, known)}", decl.source.span,
                    "Write the list as `list <name> \"<title>\" of countries: CU, IR` (built-in lists: "
                    + ", ".join(builtin()) + "), or name a `one of` field or a list declared above it.")
        return None
    codes, labels = source
    label_of = dict(zip(codes, labels, strict=False))
    out: list[str] = []
    ok = True
    for m in decl.members:
        if m.name not in label_of:
            sample = _KIND_OF_CODES.get(decl.source.name) or "for example " + ", ".join(codes[:6])
            by_label = next((c for c, label in label_of.items() if label.lower() == m.name.replace("_", " ").lower()), None)
            hint = f" Did you mean `{by_label}`?" if by_label else did_you_mean(m.name, codes)
            diags.error("E241", f"`{m.name}` is not one of the codes of `{decl.source.name}`.{hint}",
                        m.span, f"Use the codes `{decl.source.name}` lists ({sample}); the documentation's vocabulary page "
                                "lists them all with their names.")
            ok = False
            continue
        if m.name in out:
            diags.warning("W102", f"`{m.name}` is listed twice.", m.span, "Remove the repeated value.")
            continue
        out.append(m.name)
    if not ok:
        return None
    return ir.NamedList(decl.name, decl.title or decl.name, decl.source.name, tuple(out),
                        tuple(label_of[c] for c in out), False, decl.name_span)


def list_for_field(ts: s.TypeSpec, lists: dict[str, ir.NamedList]) -> ir.NamedList | None:
    """The list a `type: one of <list>` names: a single choice without a label that is a list's name."""
    if ts.kind != "enum" or len(ts.values) != 1 or ts.values[0].title is not None:
        return None
    return lists.get(ts.values[0].name)


def check_list_names(decls: list[s.ListDecl], taken: set[str], diags: Diagnostics) -> list[s.ListDecl]:
    """The list items whose names are free (a built-in list's name, a field's or another list's is reported)."""
    seen: set[str] = set()
    kept: list[s.ListDecl] = []
    for d in decls:
        if d.name in builtin():
            diags.error("E242", f"`{d.name}` is a built-in list.", d.name_span,
                        f"Choose another name; `{d.name}` already means the built-in list, which programs may use directly.")
            continue
        if d.name in seen or d.name in taken:
            diags.error("E206", f"`{d.name}` is declared twice.", d.name_span, "Rename one of them.")
            continue
        seen.add(d.name)
        kept.append(d)
    return kept
