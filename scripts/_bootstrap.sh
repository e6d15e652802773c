# shellcheck shell=bash
# Shared set-up for scripts/test.sh and scripts/run.sh (sourced, not executed).
#
# pw_bootstrap [PACKAGE...]
#   1. installs the apt packages that are missing (dpkg-query first: a machine that has
#      them all never touches apt; `apt-get update` runs once, only when installing;
#      sudo only when not root);
#   2. creates .venv when it is missing or broken and installs the project into it
#      (`pip install -e .[EXTRAS]`, EXTRAS from PW_EXTRAS: "i18n" for the app and the
#      catalogue compiler (run.sh), "dev,build,i18n" for the tests), again only when
#      pyproject.toml changed or the venv does not hold those extras yet: a venv that
#      holds more (the tests') satisfies run.sh.
# Packages that bring a system service (Samba for the share tests) never start it: a
# policy-rc.d refuses service starts during the install, and afterwards the units are
# disabled and stopped (the tests start their own smbd with their own config).
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
# syslog tests start a private rsyslogd with TLS (rsyslog, rsyslog-openssl); the autostart
# tests check the systemd user unit with systemd-analyze (systemd); the browser companion
# tests drive Debian's chromium and firefox-esr (certutil from libnss3-tools trusts the
# stand-in site's test CA) and lint the Firefox build with npx (npm).
PW_TEST_PACKAGES=(xvfb xauth openbox trayer xdotool samba samba-vfs-modules poppler-utils
    rsyslog rsyslog-openssl systemd chromium firefox-esr libnss3-tools npm)
# System services those packages install, as PACKAGE:UNIT; the tests start private
# instances with their own configuration, so these stay disabled and stopped.
PW_QUIET_SERVICES=(samba:smbd samba:nmbd samba:samba-ad-dc rsyslog:rsyslog)
# Debian's hook that invoke-rc.d asks before starting a service (exit 101: refused).
PW_POLICY_RC="${PW_POLICY_RC:-/usr/sbin/policy-rc.d}"

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
# A package whose command may come from elsewhere: NodeSource's nodejs ships npm/npx
# itself and conflicts with Debian's npm package, so npx on PATH is enough.
declare -A PW_PACKAGE_COMMAND=([npm]=npx)

pw_missing_packages() {
    local pkg
    for pkg in "$@"; do
        if [ -n "${PW_PACKAGE_COMMAND[$pkg]:-}" ] &&
            command -v "${PW_PACKAGE_COMMAND[$pkg]}" >/dev/null 2>&1; then
            continue
        fi
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
    local missing rc=0 own_policy=0
    mapfile -t missing < <(pw_missing_packages "$@")
    [ "${#missing[@]}" -eq 0 ] && return 0
    pw_say "installing apt packages: ${missing[*]}"
    if [ ! -e "$PW_POLICY_RC" ]; then  # an administrator's own policy-rc.d is left alone
        printf '#!/bin/sh\n# PasteWarden set-up: no service starts while packages install.\nexit 101\n' |
            pw_as_root tee "$PW_POLICY_RC" >/dev/null
        pw_as_root chmod 755 "$PW_POLICY_RC"
        own_policy=1
    fi
    pw_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q || rc=$?
    if [ "$rc" -eq 0 ]; then
        pw_as_root env DEBIAN_FRONTEND=noninteractive \
            apt-get install -y -q --no-install-recommends "${missing[@]}" || rc=$?
    fi
    [ "$own_policy" -eq 1 ] && pw_as_root rm -f "$PW_POLICY_RC"
    [ "$rc" -eq 0 ] && pw_quiet_services "${missing[@]}"
    return "$rc"
}

# pw_quiet_services PACKAGE...: disable and stop the PW_QUIET_SERVICES units of the
# packages just installed that are enabled or running (no-op without systemctl). A
# service that was already on the machine (a developer's own rsyslog) is left alone.
# Disabling works without a running systemd too (it only removes symlinks).
pw_quiet_services() {
    command -v systemctl >/dev/null 2>&1 || return 0
    local entry unit loud=()
    for entry in "${PW_QUIET_SERVICES[@]}"; do
        [[ " $* " == *" ${entry%%:*} "* ]] || continue
        unit="${entry#*:}"
        if systemctl is-enabled --quiet "$unit" 2>/dev/null ||
            systemctl is-active --quiet "$unit" 2>/dev/null; then
            loud+=("$unit")
        fi
    done
    [ "${#loud[@]}" -eq 0 ] && return 0
    pw_say "disabling system services the tests do not use: ${loud[*]}"
    if [ -d /run/systemd/system ]; then
        pw_as_root systemctl disable --now "${loud[@]}" >/dev/null 2>&1 || true
    else
        pw_as_root systemctl disable "${loud[@]}" >/dev/null 2>&1 || true
    fi
}

# pw_has_desktop: a graphical session to show the tray in (Linux: DISPLAY or WAYLAND_DISPLAY).
pw_has_desktop() {
    [ "$(uname -s)" != "Linux" ] || [ -n "${QT_QPA_PLATFORM:-}" ] ||
        [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]
}

# pw_extras_union A B: the comma list of A's extras, then B's that A lacks.
pw_extras_union() {
    local extra more joined="$1"
    IFS=, read -ra more <<<"$2"
    for extra in "${more[@]}"; do
        pw_extras_cover "$joined" "$extra" || joined="${joined:+$joined,}$extra"
    done
    printf '%s\n' "$joined"
}

# pw_extras_cover HAVE WANTED: every extra in the comma list WANTED is in the list HAVE.
pw_extras_cover() {
    local extra wanted
    IFS=, read -ra wanted <<<"$2"
    for extra in "${wanted[@]}"; do
        [[ ",$1," == *",$extra,"* ]] || return 1
    done
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
    local extras="${PW_EXTRAS-dev}" hash have="" stamped=""
    hash="$(sha256sum "$PW_ROOT/pyproject.toml" | cut -d' ' -f1)"
    [ -f "$stamp" ] && read -r stamped have <"$stamp"
    if [ "$stamped" = "$hash" ] && [ -x "$PW_VENV/bin/pastewarden" ]; then
        pw_extras_cover "$have" "$extras" && return 0
        extras="$(pw_extras_union "$have" "$extras")"  # keep what is there: no ping-pong
    fi
    local target="."
    [ -n "$extras" ] && target=".[$extras]"
    pw_say "installing the project into .venv (pip install -e $target)"
    (cd "$PW_ROOT" && "$PW_PY" -m pip install -q --disable-pip-version-check -e "$target")
    printf '%s %s\n' "$hash" "$extras" >"$stamp"
}

pw_bootstrap() {
    pw_install_packages "${PW_RUNTIME_PACKAGES[@]}" "$@"
    pw_install_venv
}
