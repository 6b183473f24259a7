"""Chromium for the tests that print PDFs: skip without it locally, fail in CI."""

from __future__ import annotations

import os

import pytest
from pdf_render import CHROMIUM_MISSING, find_chromium


def chromium_or_skip() -> str:
    """The chromium executable; skip the test without it, but fail in CI."""
    found = find_chromium()
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM_MISSING}; the PDF tests must run in CI")
    pytest.skip(f"{CHROMIUM_MISSING}; PDF rendering tests skipped")
