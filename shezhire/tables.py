"""Plain-text tables for the terminal: columns sized to fit, long cells wrapped."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Sequence

_MIN_WIDTH = 8


def format_table(headers: Sequence[str], rows: Sequence[Sequence[str]],
                 width: int | None = None) -> str:
    """Rows under their headers; the widest columns are wrapped to fit ``width``."""
    if not rows:
        return "(none)"
    total = width or max(80, shutil.get_terminal_size((120, 24)).columns)
    cols = len(headers)
    natural = [max(len(str(headers[i])), *(len(str(r[i])) for r in rows)) for i in range(cols)]
    budget = total - 2 * (cols - 1)
    widths = list(natural)
    while sum(widths) > budget and max(widths) > _MIN_WIDTH:
        widest = widths.index(max(widths))
        widths[widest] -= 1
    lines = [_row(headers, widths), _row(["-" * w for w in widths], widths)]
    for row in rows:
        lines.append(_row([str(c) for c in row], widths))
    return "\n".join(lines)


def _row(cells: Sequence[str], widths: list[int]) -> str:
    wrapped = [textwrap.wrap(c, w) or [""] for c, w in zip(cells, widths, strict=True)]
    height = max(len(w) for w in wrapped)
    out = []
    for i in range(height):
        out.append("  ".join((w[i] if i < len(w) else "").ljust(widths[k])
                             for k, w in enumerate(wrapped)).rstrip())
    return "\n".join(out)
