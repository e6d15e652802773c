"""The layers of the token rules: text/ is shared, places/ and names/ stand beside it.

`detectors/text/` (tokens, word lists, candidates, phases) imports neither the name
nor the place rules; `detectors/places/` never imports `detectors/names/`. The checker
is also run on planted violations so it cannot silently stop failing.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.unit.test_architecture import imported_modules

DETECTORS = Path(__file__).resolve().parents[3] / "detectors"
FORBIDDEN = {"text": ("detectors.names", "detectors.places"), "places": ("detectors.names",)}


def forbidden_imports(tree: ast.Module, forbidden: tuple[str, ...]) -> list[str]:
    """Modules imported by `tree` that start with one of the `forbidden` packages."""
    return [name for _, name in imported_modules(tree) if name.startswith(forbidden)]


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_keeps_to_its_layer(package: str) -> None:
    files = sorted((DETECTORS / package).glob("*.py"))
    assert len(files) >= 4, f"detectors/{package} looks empty"
    offenders = {
        path.name: bad
        for path in files
        if (bad := forbidden_imports(ast.parse(path.read_text("utf-8")), FORBIDDEN[package]))
    }
    assert offenders == {}


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from detectors.names import words\n", ["detectors.names"]),
        ("import detectors.names.rules\n", ["detectors.names.rules"]),
        ("from detectors.text import lexicon\n", []),
    ],
)
def test_checker_finds_planted_imports(source: str, expected: list[str]) -> None:
    assert forbidden_imports(ast.parse(source), ("detectors.names",)) == expected
