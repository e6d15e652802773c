"""Unit tests never need a display (any Qt use renders offscreen); one shared scanner fixture."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from detectors.scanner import Scanner

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(scope="module")
def scanner() -> Scanner:
    """One full scanner per test module (building it takes about a second)."""
    from detectors.scanner import Scanner  # imported here: most unit tests never scan

    return Scanner()
