"""Build the PasteWarden one-folder bundle for this OS: `python installer/build.py linux`.

One PyInstaller spec (installer/pastewarden.spec) for all three OSes. This script first
compiles the message catalogues (.po -> .mo, scripts/translations.py), so the bundle, the
MSI and the pkg all carry them under resources/translations; then it runs PyInstaller
and does the per-OS finishing step:
- linux: copies the XDG autostart entry into the bundle and (with --archive) tars it;
- macos: puts installer/macos/Info.plist into PasteWarden.app (then build_pkg.sh);
- windows: writes the WiX v4 file list (installer/wix_harvest.py), then runs `wix build`
  on installer/windows/PasteWarden.wxs + that list when wix (v4) is on PATH.
Only the Linux path has been run (Debian 12); Windows and macOS are unverified.

`--if-changed` skips PyInstaller when a hash of every input (sources, resources, spec,
pyproject) matches the last build's: tests/bundle builds once per source change.
Needs the build extra: `pip install -e .[build]`.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import plistlib
import shutil
import subprocess
import sys
import tarfile
import time
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LINUX_START_FILES = ("pastewarden.desktop", "pastewarden.service", "pastewarden-systemd.desktop")
SPEC = REPO / "installer" / "pastewarden.spec"
INPUTS = ("app", "detectors", "policy", "resources", "installer", "pyproject.toml")
STAMP = ".pastewarden-build-hash"
APP_NAME = "PasteWarden"


def source_hash() -> str:
    """sha256 over every input file's path and bytes (caches skipped)."""
    digest = hashlib.sha256()
    for top in INPUTS:
        root = REPO / top
        files = sorted(root.rglob("*")) if root.is_dir() else [root]
        for path in files:
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(REPO)).encode() + b"\0")
                digest.update(path.read_bytes())
    return digest.hexdigest()


def binary_path(dist: Path, target: str) -> Path:
    """Where the frozen `pastewarden` executable ends up."""
    if target == "macos":
        return dist / f"{APP_NAME}.app" / "Contents" / "MacOS" / "pastewarden"
    return dist / APP_NAME / ("pastewarden.exe" if target == "windows" else "pastewarden")


def compile_catalogues() -> None:
    """The message catalogues' .po to .mo (Babel, scripts/translations.py): the spec
    bundles resources/ with them and refuses to build without them."""
    script = REPO / "scripts" / "translations.py"
    subprocess.run([sys.executable, str(script), "compile"], check=True, cwd=REPO)


def run_pyinstaller(dist: Path, work: Path) -> float:
    """One clean PyInstaller run; returns the seconds it took."""
    started = time.monotonic()
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean"]
    command += ["--log-level", "WARN", "--distpath", str(dist), "--workpath", str(work)]
    subprocess.run([*command, str(SPEC)], check=True, cwd=REPO)
    return time.monotonic() - started


def finish_linux(dist: Path, archive: bool) -> None:
    """Slim the bundle (installer/slim.py), add the autostart entry, optionally tar it."""
    from slim import prune_orphans, strip_symbols  # installer/ is this script's folder

    internal = dist / APP_NAME / "_internal"
    saved = strip_symbols(internal)
    removed = prune_orphans(internal)
    names = ", ".join(sorted(path.name for path in removed))
    print(f"stripped {saved / 1e6:.0f} MB of symbols; removed unneeded: {names}",
          file=sys.stderr)  # fmt: skip
    for name in LINUX_START_FILES:  # start at login: XDG entry, or systemd unit + its starter
        shutil.copy2(REPO / "installer" / "linux" / name, dist / APP_NAME)
    if archive:
        with tarfile.open(dist / f"{APP_NAME}-linux-x86_64.tar.gz", "w:gz") as tar:
            tar.add(dist / APP_NAME, arcname="pastewarden")


def finish_macos(dist: Path, version: str) -> None:  # pragma: no cover - macOS only
    info = plistlib.loads((REPO / "installer" / "macos" / "Info.plist").read_bytes())
    info["CFBundleShortVersionString"] = info["CFBundleVersion"] = version
    target = dist / f"{APP_NAME}.app" / "Contents" / "Info.plist"
    target.write_bytes(plistlib.dumps(info))


def finish_windows(dist: Path, version: str) -> None:  # pragma: no cover - Windows only
    """Harvest the bundle into a WiX v4 fragment (wix_harvest.py), then `wix build`."""
    from wix_harvest import fragment  # installer/ is this script's folder

    files = dist / "PasteWardenFiles.wxs"
    files.write_text(fragment(dist / APP_NAME), encoding="utf-8")
    wix = shutil.which("wix")
    if wix is None:
        print("wix not on PATH: MSI not built (dotnet tool install --global wix --version 4.*)")
        return
    source = REPO / "installer" / "windows" / "PasteWarden.wxs"
    out = dist / f"{APP_NAME}-{version}.msi"
    command = [wix, "build", str(source), str(files), "-arch", "x64"]
    command += ["-ext", "WixToolset.Util.wixext"]
    command += ["-d", f"Version={version}", "-d", f"BundleDir={dist / APP_NAME}", "-o", str(out)]
    subprocess.run(command, check=True)


def folder_size_mb(folder: Path) -> float:
    total = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return total / 1e6


@contextlib.contextmanager
def locked(out: Path) -> Iterator[None]:
    """One build per output folder at a time: two test runs building into the same folder
    at once (PyInstaller's --clean wipes the other's work files) gave a broken bundle."""
    out.mkdir(parents=True, exist_ok=True)
    with open(out / ".lock", "w") as handle:
        if sys.platform != "win32":
            import fcntl

            fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def smoke(exe: Path) -> None:
    """The bundle must at least start: `--version` from the frozen interpreter."""
    done = subprocess.run([str(exe), "--version"], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"the frozen binary does not start: {done.stderr[-2000:]}")


def build(target: str, out: Path, if_changed: bool, archive: bool) -> Path:
    """Build (or reuse) the bundle under `out`; returns the frozen executable."""
    with locked(out):
        return _build(target, out, if_changed, archive)


def _build(target: str, out: Path, if_changed: bool, archive: bool) -> Path:
    dist, work = out / "dist", out / "work"
    compile_catalogues()  # the hash covers the .mo the bundle would carry
    wanted = source_hash()
    stamp = out / STAMP
    exe = binary_path(dist, target)
    if if_changed and exe.exists() and stamp.exists() and stamp.read_text() == wanted:
        print(f"bundle up to date ({wanted[:12]})", file=sys.stderr)
        return exe
    stamp.unlink(missing_ok=True)  # an interrupted build must never look up to date
    seconds = run_pyinstaller(dist, work)
    from app import __version__

    if target == "linux":
        finish_linux(dist, archive)
    elif target == "macos":
        finish_macos(dist, __version__)
    else:
        finish_windows(dist, __version__)
    smoke(exe)
    stamp.write_text(wanted)
    size = folder_size_mb(exe.parent if target != "macos" else dist / f"{APP_NAME}.app")
    print(f"built in {seconds:.0f} s, bundle {size:.0f} MB: {exe}", file=sys.stderr)
    return exe


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", choices=("linux", "windows", "macos"))
    parser.add_argument("--out", type=Path, default=REPO / "build" / "pyi")
    parser.add_argument("--if-changed", action="store_true", help="reuse an identical build")
    parser.add_argument("--archive", action="store_true", help="linux: also write a .tar.gz")
    args = parser.parse_args()
    expected = {"linux": "linux", "windows": "win32", "macos": "darwin"}[args.target]
    if not sys.platform.startswith(expected):
        parser.error(f"PyInstaller cannot cross-build: run on {args.target}")
    sys.path.insert(0, str(REPO))
    print(build(args.target, args.out.resolve(), args.if_changed, args.archive))
    return 0


if __name__ == "__main__":
    sys.exit(main())
