# shellcheck shell=bash
# Shared set-up for scripts/test.sh and scripts/run.sh (sourced, not executed).
#
# pw_bootstrap [PACKAGE...]
#   1. installs the apt packages that are missing (dpkg-query first: a machine that has
#      them all never touches apt; `apt-get update` runs once, only when installing;
#      sudo only when not root);
#   2. creates .venv when it is missing or broken and installs the project into it
#      (`pip install -e .[dev]`, or `.[dev,build]` when PW_EXTRAS says so), again only when
#      pyproject.toml or the extras changed since last time.
# Works on Debian 12 / Ubuntu, as root (CI) or as a user with sudo.

PW_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PW_VENV="$PW_ROOT/.venv"
PW_PY="$PW_VENV/bin/python"

# Python itself, plus what Qt's xcb platform plugin and pyperclip need at run time.
PW_RUNTIME_PACKAGES=(
    python3 python3-venv python3-pip xclip
    libegl1 libgl1 libfontconfig1 libdbus-1-3 libglib2.0-0 libxkbcommon-x11-0 libx11-xcb1
    libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
    libxcb-render-util0 libxcb-shape0 libxcb-xfixes0 libxcb-xkb1
)
# shellcheck disable=SC2034  # used by scripts/test.sh
# Only the tests need a virtual display, a window manager, a tray host and xdotool;
# the journal's integration tests start a real Samba server (smbd, smbpasswd); the review
# tests render the audit report's PDF with pdftoppm and pdftotext (poppler-utils); the
# browser companion tests drive Debian's chromium and firefox-esr (certutil from
# libnss3-tools trusts the stand-in site's test CA) and lint the Firefox build with npx.
PW_TEST_PACKAGES=(xvfb xauth openbox trayer xdotool samba poppler-utils chromium firefox-esr
    libnss3-tools npm)

pw_say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
pw_die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Run a command as root: directly when we are root, through sudo otherwise.
pw_as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        pw_die "need root to run '$*' (not root and no sudo)"
    fi
}

# Print the given packages that dpkg does not report as installed.
pw_missing_packages() {
    local pkg
    for pkg in "$@"; do
        if [ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null)" != "install ok installed" ]; then
            printf '%s\n' "$pkg"
        fi
    done
}

pw_install_packages() {
    if ! command -v dpkg-query >/dev/null 2>&1; then
        pw_say "no dpkg here: skipping apt packages (install the equivalents yourself)"
        return 0
    fi
    local missing
    mapfile -t missing < <(pw_missing_packages "$@")
    [ "${#missing[@]}" -eq 0 ] && return 0
    pw_say "installing apt packages: ${missing[*]}"
    pw_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    pw_as_root env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# A usable Python >= 3.11 to build the venv from (pyenv or the system one).
pw_base_python() {
    local candidate
    for candidate in python3.13 python3.12 python3.11 python3; do
        if command -v "$candidate" >/dev/null 2>&1 &&
            "$candidate" -c 'import sys, venv; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
            command -v "$candidate"
            return 0
        fi
    done
    pw_die "Python 3.11 or newer with the venv module is required"
}

pw_install_venv() {
    local stamp="$PW_VENV/.pastewarden-installed" wanted base
    if ! "$PW_PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
        base="$(pw_base_python)"
        pw_say "creating .venv with $base"
        rm -rf "$PW_VENV"
        "$base" -m venv "$PW_VENV"
    fi
    local extras="${PW_EXTRAS:-dev}"
    wanted="$(sha256sum "$PW_ROOT/pyproject.toml" | cut -d' ' -f1) $extras"
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ] && [ -x "$PW_VENV/bin/pastewarden" ]; then
        return 0
    fi
    pw_say "installing the project into .venv (pip install -e .[$extras])"
    (cd "$PW_ROOT" && "$PW_PY" -m pip install -q --disable-pip-version-check -e ".[$extras]")
    printf '%s\n' "$wanted" >"$stamp"
}

pw_bootstrap() {
    pw_install_packages "${PW_RUNTIME_PACKAGES[@]}" "$@"
    pw_install_venv
}
