"""One recognizer module per Safe Harbor identifier; `all_recognizers()` collects them.

Every public module in this package (name not starting with `_`, other than `base`)
exposes `build() -> list[EntityRecognizer]`. Shared helpers live in `base` and
`_`-prefixed modules.
"""

from __future__ import annotations

import pkgutil
from importlib import import_module

from presidio_analyzer import EntityRecognizer

_NOT_RECOGNIZERS = frozenset({"base"})


def recognizer_module_names() -> list[str]:
    """Names of the modules that contribute recognizers, sorted for a stable order."""
    return sorted(
        info.name
        for info in pkgutil.iter_modules(__path__)
        if not info.name.startswith("_") and info.name not in _NOT_RECOGNIZERS
    )


def all_recognizers() -> list[EntityRecognizer]:
    """Instantiate the recognizers of every recognizer module."""
    recognizers: list[EntityRecognizer] = []
    for module_name in recognizer_module_names():
        module = import_module(f"{__name__}.{module_name}")
        recognizers.extend(module.build())
    return recognizers
