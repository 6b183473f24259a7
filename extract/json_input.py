"""JSON a user or a package hands in: an object, or one line saying what is wrong with it."""

from __future__ import annotations

import json
from typing import Any

from shezhire.extract.errors import ShezhireError


def json_object(text: str, where: str, error: type[ShezhireError], what: str) -> dict[str, Any]:
    """``text`` parsed as a JSON object; else ``error`` naming ``where`` (a file, a line of a
    file) and, for JSON that is no object, saying ``what`` it should be."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise error(f"{where}: not JSON ({e.msg}, line {e.lineno})") from None
    if not isinstance(data, dict):
        raise error(f"{where}: {what}")
    return data
