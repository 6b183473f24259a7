"""Act text is data: every string read from an act passes through here before it reaches
Markdown or HTML, so that no act can inject markup, scripts or Markdown formatting."""

from __future__ import annotations

import html
import re

# Python-Markdown's ESCAPED_CHARS, the characters a backslash neutralises; ``<``, ``>``, ``&``
# are left to html.escape, and ``|`` (a table cell break) becomes an entity.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!])")


def h(text: object) -> str:
    """``text`` as HTML text or attribute content (quotes escaped too)."""
    return html.escape(str(text), quote=True)


def md(text: object) -> str:
    """``text`` for a Markdown line (a heading, a table cell): Markdown syntax neutralised
    with backslashes, then HTML escaped, newlines folded into spaces."""
    flat = " ".join(str(text).split())
    return html.escape(_MD_SPECIAL.sub(r"\\\1", flat), quote=False).replace("|", "&#124;")


def one_line(text: str, limit: int | None = None) -> str:
    """Whitespace folded; cut with "…" past ``limit`` characters."""
    flat = " ".join(text.split())
    if limit is not None and len(flat) > limit:
        return flat[: limit - 1] + "…"
    return flat
