#!/usr/bin/env bash
# THE test command: `bash scripts/test.sh [PYTEST ARGS...]`.
#
# Installs what is missing (apt packages, .venv), then runs, stopping at the first failure:
#   ruff check . → ruff format --check . → mypy → pytest
# When tests/gui or tests/e2e exist, pytest runs inside a private X display
# (Xvfb + openbox window manager + trayer system-tray host) torn down on exit.
# Works as root on a clean clone (CI: no display, no stdin) and as a user with sudo.
# tests/bundle build the frozen Linux bundle once per source change (~80 s, cached under
# build/bundle by a hash of the sources).
set -euo pipefail

# shellcheck source=scripts/_bootstrap.sh
source "$(dirname "${BASH_SOURCE[0]}")/_bootstrap.sh"

PW_X_PIDS=()
PW_X_LOGDIR=""

pw_stop_display() {
    local pid
    for pid in "${PW_X_PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${PW_X_PIDS[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    PW_X_PIDS=()
    if [ -n "$PW_X_LOGDIR" ]; then
        rm -rf "$PW_X_LOGDIR"
        PW_X_LOGDIR=""
    fi
}

# Start Xvfb on display :N; succeed once its socket exists, fail if it dies or times out.
pw_try_xvfb() {
    local n="$1" pid _
    Xvfb ":$n" -screen 0 1280x1024x24 -nolisten tcp >"$PW_X_LOGDIR/xvfb.log" 2>&1 &
    pid=$!
    for _ in $(seq 100); do
        if [ -S "/tmp/.X11-unix/X$n" ]; then
            PW_X_PIDS+=("$pid")
            return 0
        fi
        kill -0 "$pid" 2>/dev/null || return 1
        sleep 0.1
    done
    kill "$pid" 2>/dev/null || true
    return 1
}

pw_start_display() {
    local n
    PW_X_LOGDIR="$(mktemp -d)"
    for n in $(seq 99 -1 80); do
        [ -e "/tmp/.X$n-lock" ] || [ -e "/tmp/.X11-unix/X$n" ] && continue
        if pw_try_xvfb "$n"; then
            export DISPLAY=":$n"
            break
        fi
    done
    if [ -z "${DISPLAY:-}" ]; then
        cat "$PW_X_LOGDIR/xvfb.log" >&2 2>/dev/null || true
        pw_die "could not start Xvfb on any display from :99 down to :80"
    fi
    openbox --sm-disable >"$PW_X_LOGDIR/openbox.log" 2>&1 &
    PW_X_PIDS+=("$!")
    sleep 0.5  # let the window manager own the screen before the tray host maps its window
    trayer --edge top --align right --widthtype request --height 24 --SetDockType true \
        >"$PW_X_LOGDIR/trayer.log" 2>&1 &
    PW_X_PIDS+=("$!")
    pw_wait_for_window trayer
    pw_say "display $DISPLAY: Xvfb + openbox + trayer"
}

# Wait (up to 10 s) until a window of the given class is mapped; warn, not fail, otherwise.
pw_wait_for_window() {
    local _
    for _ in $(seq 50); do
        xdotool search --class "$1" >/dev/null 2>&1 && return 0
        sleep 0.2
    done
    pw_say "warning: no '$1' window after 10 s; tray tests may fail"
}

pw_run_pytest() {
    local rc=0
    .venv/bin/python -m pytest "$@" || rc=$?
    if [ "$rc" -eq 5 ]; then
        pw_die "pytest collected no tests: an empty suite is a failure, not a pass"
    fi
    return "$rc"
}

main() {
    unset DISPLAY WAYLAND_DISPLAY  # tests must never touch the developer's real desktop
    # tests/bundle freeze the app with PyInstaller; i18n too, so this venv satisfies run.sh
    PW_EXTRAS="dev,build,i18n"
    pw_bootstrap "${PW_TEST_PACKAGES[@]}"
    cd "$PW_ROOT"
    pw_say "ruff check ."
    .venv/bin/ruff check .
    pw_say "ruff format --check ."
    .venv/bin/ruff format --check .
    pw_say "mypy"
    .venv/bin/mypy
    if [ -d tests/gui ] || [ -d tests/e2e ]; then
        trap pw_stop_display EXIT
        trap 'exit 130' INT TERM
        pw_start_display
    fi
    pw_say "pytest"
    pw_run_pytest "$@"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    main "$@"
fi
