"""Architecture rules from DESIGN.md §2 and §4, checked on the source tree.

- app.core, policy and detectors (every module under them) import without PySide6;
- no module outside app/ui has an `import PySide6` / `from PySide6` line (Qt only in app/ui);
- app/core is split by concern: protect/, journal/, central/, review/, companion/, and
  only __init__, ports, models and i18n (the catalogue every subpackage uses) stay flat;
- app/core makes no OS or network calls: no getpass, socket, keyring, smbclient,
  smbprotocol, subprocess, ctypes, winreg, no sys.platform / os.getlogin, and no import
  of app.backends, app.ui or app.commands (OS services come through app.core.ports);
- policy/ and detectors/ import nothing from app;
- nobody outside tests calls `AnalyzerEngine()` bare (it downloads en_core_web_lg);
- every module of app/, detectors/, policy/ and bench/ has a module docstring.
Each rule's checker is also run on a planted violation, so a checker that can no
longer fail is caught too.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
QT_FREE_PACKAGES = ("app.core", "policy", "detectors")
QT_FREE_DIRS = ("app/core", "app/backends", "app/commands", "policy", "detectors")
QT_HOME = ROOT / "app" / "ui"
CORE_SUBPACKAGES = ("protect", "journal", "central", "review", "companion")
# i18n: the message catalogue, used by every subpackage's words.
CORE_FLAT_MODULES = {"__init__.py", "ports.py", "models.py", "i18n.py"}
OS_MODULES = frozenset(
    {"getpass", "socket", "keyring", "keyrings", "smbclient", "smbprotocol", "subprocess"}
    | {"ctypes", "winreg", "pwd", "grp", "fcntl", "msvcrt", "objc", "AppKit", "Quartz"}
)
OS_ATTRIBUTES = frozenset({("sys", "platform"), ("os", "getlogin"), ("os", "uname")})
CORE_FORBIDDEN_APP = ("app.backends", "app.ui", "app.commands", "app.cli")
DOCSTRING_DIRS = ("app", "detectors", "policy", "bench")
QT_PACKAGES = ("PySide6", "shiboken6")
_SKIP_DIRS = {".venv", ".git", "tests", "build", "dist", "__pycache__", "node_modules"}

# Runs in a fresh interpreter: PySide6/shiboken6 raise ImportError, then every module of
# the given packages is imported; prints {"imported": [...], "failed": {name: error}}.
_IMPORT_WITHOUT_QT = textwrap.dedent(
    """
    import importlib, json, pkgutil, sys, traceback

    class _NoQt:
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in ("PySide6", "shiboken6"):
                raise ImportError(f"{name} is blocked: this package must not need Qt")
            return None

    sys.meta_path.insert(0, _NoQt())
    imported, failed = [], {}

    def load(name):
        try:
            module = importlib.import_module(name)
        except BaseException as error:
            failed[name] = "".join(traceback.format_exception_only(error)).strip()
            return None
        imported.append(name)
        return module

    for package in sys.argv[1:]:
        module = load(package)
        path = getattr(module, "__path__", [])
        for info in pkgutil.walk_packages(path, package + ".", onerror=lambda name: None):
            load(info.name)
    print(json.dumps({"imported": imported, "failed": failed}))
    """
)


def _import_without_qt(packages: tuple[str, ...]) -> dict[str, object]:
    proc = subprocess.run(
        [sys.executable, "-c", _IMPORT_WITHOUT_QT, *packages],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    result: dict[str, object] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def _python_files(*dirs: str) -> Iterator[Path]:
    """Every .py file under the given repo folders, skipping tests, venvs and caches."""
    for top in dirs:
        for folder, subdirs, files in os.walk(ROOT / top):
            subdirs[:] = sorted(d for d in subdirs if d not in _SKIP_DIRS and d[0] != ".")
            yield from (Path(folder) / f for f in sorted(files) if f.endswith(".py"))


def _parse(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def imported_modules(tree: ast.Module) -> list[tuple[int, str]]:
    """(line, module) of every `import module` and `from module import ...` line."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            found.append((node.lineno, node.module or ""))
    return found


def qt_imports(tree: ast.Module) -> list[int]:
    """Line numbers of `import PySide6...` / `from PySide6... import` / shiboken6."""
    lines = [n for n, name in imported_modules(tree) if name.split(".")[0] in QT_PACKAGES]
    return sorted(set(lines))


def _imported_modules(tree: ast.Module) -> Iterator[tuple[int, str]]:
    """(line, module) for every import, absolute names only (relative ones are local)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module


def os_calls(tree: ast.Module) -> list[int]:
    """Lines that import an OS or network module or read sys.platform / os.getlogin."""
    lines = [n for n, name in _imported_modules(tree) if name.split(".")[0] in OS_MODULES]
    lines += [n for n, name in _imported_modules(tree) if name.startswith(CORE_FORBIDDEN_APP)]
    lines += [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and (node.value.id, node.attr) in OS_ATTRIBUTES
    ]
    return sorted(set(lines))


def app_imports(tree: ast.Module) -> list[int]:
    """Lines that import the `app` package or anything under it."""
    return [n for n, name in _imported_modules(tree) if name.split(".")[0] == "app"]


def bare_analyzer_engine_calls(tree: ast.Module) -> list[int]:
    """Line numbers of `AnalyzerEngine()` / `x.AnalyzerEngine()` with no arguments."""
    lines = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or node.args or node.keywords:
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        if name == "AnalyzerEngine":
            lines.append(node.lineno)
    return lines


def test_core_policy_detectors_import_without_pyside6() -> None:
    result = _import_without_qt(QT_FREE_PACKAGES)
    assert result["failed"] == {}, result["failed"]
    imported = result["imported"]
    assert isinstance(imported, list)
    assert "detectors.scanner" in imported and "detectors.engine" in imported


def test_blocking_pyside6_really_blocks() -> None:
    result = _import_without_qt(("PySide6",))
    failed = result["failed"]
    assert isinstance(failed, dict) and "PySide6" in failed
    assert "blocked" in str(failed["PySide6"])


def _offenders(checker: Callable[[ast.Module], list[int]], *dirs: str) -> dict[str, list[int]]:
    return {
        str(path.relative_to(ROOT)): lines
        for path in _python_files(*dirs)
        if (lines := checker(_parse(path)))
    }


def test_qt_only_in_app_ui() -> None:
    outside_ui = [p for p in _python_files("app") if QT_HOME not in p.parents]
    assert any(p.name == "qt_clipboard.py" for p in _python_files("app/ui"))
    offenders = _offenders(qt_imports, *QT_FREE_DIRS)
    offenders |= {
        str(p.relative_to(ROOT)): lines for p in outside_ui if (lines := qt_imports(_parse(p)))
    }
    assert offenders == {}, f"PySide6 imported outside app/ui: {offenders}"


def test_core_is_split_by_concern() -> None:
    core = ROOT / "app" / "core"
    for name in CORE_SUBPACKAGES:
        assert (core / name / "__init__.py").is_file(), f"app/core/{name}/ is missing"
    flat = {p.name for p in core.glob("*.py")} - CORE_FLAT_MODULES
    assert flat == set(), f"flat modules left in app/core: {sorted(flat)}"
    stray = {p.name for p in core.iterdir() if p.is_dir() and not p.name.startswith("__")}
    assert stray <= set(CORE_SUBPACKAGES), f"undeclared core subpackages: {stray}"


def test_core_makes_no_os_calls() -> None:
    files = list(_python_files("app/core"))
    assert any(p.name == "key.py" for p in files), "the scan did not reach app/core/journal"
    offenders = _offenders(os_calls, "app/core")
    assert offenders == {}, f"OS calls or OS-side imports in app/core: {offenders}"


def test_policy_and_detectors_import_nothing_from_app() -> None:
    offenders = _offenders(app_imports, "policy", "detectors")
    assert offenders == {}, f"policy/ or detectors/ import app: {offenders}"


def test_no_bare_analyzer_engine_outside_tests() -> None:
    files = list(_python_files("."))
    assert any(p.name == "engine.py" for p in files), "the scan did not reach detectors/"
    offenders = {
        str(path.relative_to(ROOT)): lines
        for path in files
        if (lines := bare_analyzer_engine_calls(_parse(path)))
    }
    assert offenders == {}, f"bare AnalyzerEngine() (downloads a model): {offenders}"


def test_every_module_has_a_docstring() -> None:
    files = list(_python_files(*DOCSTRING_DIRS))
    assert len(files) >= 10, "suspiciously few modules found"
    missing = [str(p.relative_to(ROOT)) for p in files if not ast.get_docstring(_parse(p))]
    assert missing == [], f"modules without a docstring: {missing}"


@pytest.mark.parametrize(
    ("source", "checker", "expected"),
    [
        ("import PySide6.QtCore\n", qt_imports, [1]),
        ("x = 1\nfrom PySide6 import QtWidgets\n", qt_imports, [2]),
        ("import os\nfrom app.core import models\n", qt_imports, []),
        ("e = AnalyzerEngine()\n", bare_analyzer_engine_calls, [1]),
        ("x = 1\ne = presidio.AnalyzerEngine()\n", bare_analyzer_engine_calls, [2]),
        ("e = AnalyzerEngine(registry=r, nlp_engine=n)\n", bare_analyzer_engine_calls, []),
        ("import socket\n", os_calls, [1]),
        ("x = 1\nfrom keyring.errors import KeyringError\n", os_calls, [2]),
        ("import smbclient.path\n", os_calls, [1]),
        ("import sys\nif sys.platform == 'darwin':\n    pass\n", os_calls, [2]),
        ("import os\nuser = os.getlogin()\n", os_calls, [2]),
        ("from app.backends.choose import choose_watcher\n", os_calls, [1]),
        ("import os\nimport sys\nos.fsync(3)\nsys.exit(0)\n", os_calls, []),
        ("from app.paths import data_dir\n", app_imports, [1]),
        ("import app.core.ports\n", app_imports, [1]),
        ("from policy.paths import data_dir\nfrom .x import app\n", app_imports, []),
    ],
)
def test_checkers_detect_planted_violations(
    source: str, checker: Callable[[ast.Module], list[int]], expected: list[int]
) -> None:
    assert checker(ast.parse(source)) == expected


def test_docstring_check_detects_a_module_without_one() -> None:
    assert ast.get_docstring(ast.parse("import os\n")) is None
    assert ast.get_docstring(ast.parse('"""Doc."""\nimport os\n')) == "Doc."
