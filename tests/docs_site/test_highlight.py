"""The site highlights guideline code: docs/language.md's ```guideline examples come out of `mkdocs build` with
Pygments token classes (the `guideline` lexer, found through its entry point by pymdownx.highlight)."""

from __future__ import annotations

import re
from pathlib import Path


def test_language_examples_are_highlighted(built_site: Path) -> None:
    page = (built_site / "language" / "index.html").read_text(encoding="utf-8")
    code = re.findall(r'<div class="[^"]*highlight[^"]*"><pre>(.*?)</pre></div>', page, re.S)
    blocks = [b for b in code if re.search(r"\bexample_\w+", b)]  # the examples are programs `example_...`
    assert len(blocks) >= 20
    assert all('<span class="k">' in b for b in blocks), "a ```guideline example is not highlighted as guideline"
    smallest = next(b for b in blocks if "example_minimum" in b)
    # keywords (class k), a header key (na), quoted text (s2), a date (ld), a number (m*) and a name (n)
    assert '<span class="k">program</span>' in smallest and '<span class="k">require</span>' in smallest
    assert '<span class="na">title</span>' in smallest
    assert re.search(r'<span class="s2">(&quot;|")§4\.1, p\. 8(&quot;|")</span>', smallest)
    assert '<span class="ld">2026-01-01</span>' in smallest and re.search(r'<span class="m\w*">660</span>', smallest)
    assert '<span class="n">fico</span>' in smallest
    assert not any('class="err"' in b for b in blocks)
