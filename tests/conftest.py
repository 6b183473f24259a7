from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path
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


@pytest.fixture(scope="session")
def seed_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every seed printed to PDF by chromium once a session (bench/pdf_render.py), keyed by
    the seed's file name: the PDF reader's tests and the fast path's share the prints."""
    from chromium import chromium_or_skip
    from pdf_render import render_seeds

    chromium_or_skip()
    rendered = render_seeds(list(SEEDS), tmp_path_factory.mktemp("seed-pdfs"))
    return {name: seed.pdf for name, seed in rendered.items()}

