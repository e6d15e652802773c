"""Post-build slimming of the Linux one-folder bundle (run by installer/build.py).

Two steps, both measured with bench/bundle_bench.py (docs/deploy.md has the numbers):
- `strip_symbols`: `strip --strip-unneeded` on every ELF file: drops DWARF debug info
  (libpython alone is 23 MB with it, 6 MB without; spaCy's Cython modules ~100 MB) and
  the static symbol tables (cryptography's Rust module: 2.6 MB); the dynamic symbols
  Python and Qt look up (PyInit_*, qt_plugin_instance) stay. Never in an auditwheel
  `*.libs` folder: stripping numpy's patched OpenBLAS breaks it ("ELF load command
  address/offset not page-aligned"), and those files are already stripped.
- `prune_orphans`: PyInstaller collects the dependencies of every Qt plugin, then the
  spec drops plugins we never load (Wayland, EGL, GTK theme...). Their libraries stay
  behind. A library in a library folder (the bundle's top level, PySide6/Qt/lib) that
  no remaining ELF file needs (DT_NEEDED, transitively) is deleted. Python extension
  modules, Qt plugins and libpython are the roots: Python and Qt dlopen them by path.
  Nothing in this app dlopens a library by name (no ctypes on Linux), so the closure is
  complete; the frozen self-test, `scan --jsonl` and tray tests prove it.
Uses binutils (`readelf`, `strip`); without them the bundle is left as built.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

ELF_MAGIC = b"\x7fELF"
LIBPYTHON_PREFIX = "libpython"
EXTENSION_MARKS = (".cpython-", ".abi3.so")


def elf_files(root: Path) -> list[Path]:
    """Every regular ELF file under `root` (symlinks skipped: they point at one)."""
    found = []
    for path in root.rglob("*"):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as handle:
                if handle.read(4) == ELF_MAGIC:
                    found.append(path)
    return found


def _in_auditwheel_libs(path: Path, root: Path) -> bool:
    return any(part.endswith(".libs") for part in path.relative_to(root).parts[:-1])


def strip_symbols(internal: Path) -> int:
    """Strip debug info and unneeded symbols from every ELF file; returns the bytes saved."""
    tool = shutil.which("strip")
    if tool is None:
        return 0
    targets = [path for path in elf_files(internal) if not _in_auditwheel_libs(path, internal)]
    before = sum(path.stat().st_size for path in targets)
    if targets:
        subprocess.run([tool, "--strip-unneeded", *map(str, targets)], check=True)
    return before - sum(path.stat().st_size for path in targets)


def needed(path: Path) -> list[str]:
    """The DT_NEEDED sonames of one ELF file, via readelf."""
    done = subprocess.run(
        ["readelf", "-d", "--wide", str(path)], capture_output=True, text=True, check=False
    )
    names = []
    for line in done.stdout.splitlines():
        if "(NEEDED)" in line and "[" in line:
            names.append(line.rsplit("[", 1)[1].rstrip("]"))
    return names


def library_dirs(internal: Path) -> list[Path]:
    """Folders holding shared libraries found by soname (not loaded by path)."""
    return [internal, internal / "PySide6" / "Qt" / "lib"]


def _by_name(internal: Path) -> dict[str, Path]:
    """soname -> the real file, for every entry (file or symlink) of the library folders."""
    names: dict[str, Path] = {}
    for folder in library_dirs(internal):
        if folder.is_dir():
            for entry in folder.iterdir():
                if ".so" in entry.name and entry.exists():
                    names[entry.name] = entry.resolve()
    return names


def _is_root(path: Path, internal: Path) -> bool:
    """Loaded by path, not by soname: anything outside the library folders, libpython
    (the bootloader dlopens it) and Python extension modules (e.g. _cffi_backend lives
    at the top level)."""
    if path.parent not in library_dirs(internal) or path.name.startswith(LIBPYTHON_PREFIX):
        return True
    return any(mark in path.name for mark in EXTENSION_MARKS)


def reachable(internal: Path, roots: Iterable[Path]) -> set[Path]:
    """Every file reachable from `roots` through DT_NEEDED inside the bundle."""
    names = _by_name(internal)
    seen: set[Path] = set()
    todo = [path.resolve() for path in roots]
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        todo += [names[name] for name in needed(path) if name in names]
    return seen


def prune_orphans(internal: Path) -> list[Path]:
    """Delete libraries nothing needs (and symlinks to them); returns what was deleted."""
    if shutil.which("readelf") is None:
        return []
    files = elf_files(internal)
    keep = reachable(internal, [path for path in files if _is_root(path, internal)])
    keep |= {path.resolve() for path in internal.parent.iterdir() if path.is_file()}
    removed = [path for path in files if path.resolve() not in keep]
    gone = {path.resolve() for path in removed}
    for folder in library_dirs(internal):
        for entry in folder.iterdir() if folder.is_dir() else ():
            if entry.is_symlink() and entry.resolve() in gone:
                entry.unlink()
    for path in removed:
        path.unlink()
    return removed
