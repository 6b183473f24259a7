from __future__ import annotations

from typing import Any

import pytest
from golden_facts import GOLDEN_DAY, SEEDS

from shezhire.extract.pipeline import extract_record


@pytest.fixture(scope="session")
def seed_records() -> dict[str, dict[str, Any]]:
    return {p.stem: extract_record(p, GOLDEN_DAY) for p in SEEDS}
