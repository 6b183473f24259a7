from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from typing import Any

import pytest
from golden_facts import GOLDEN_DAY, SEEDS

from shezhire.extract.pipeline import extract_record

# The commands default to one worker per core and a cache in the user's home: the tests run
# each command in this process (a pool per command would cost seconds of start-up each) and
# keep their cache in a folder of their own. Tests of --jobs and the cache say so themselves.
os.environ["SHEZHIRE_JOBS"] = "1"
os.environ["SHEZHIRE_CACHE_DIR"] = tempfile.mkdtemp(prefix="shezhire-test-cache-")
atexit.register(shutil.rmtree, os.environ["SHEZHIRE_CACHE_DIR"], ignore_errors=True)


@pytest.fixture(scope="session")
def seed_records() -> dict[str, dict[str, Any]]:
    return {p.stem: extract_record(p, GOLDEN_DAY) for p in SEEDS}
