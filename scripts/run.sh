#!/usr/bin/env bash
# Start PasteWarden from the source tree: `bash scripts/run.sh [--policy FILE]`.
# Installs what is missing (apt packages, .venv with the app's own dependencies) first,
# like scripts/test.sh. A venv that test.sh set up (with the dev tools) already satisfies it.
set -euo pipefail

# shellcheck source=scripts/_bootstrap.sh
source "$(dirname "${BASH_SOURCE[0]}")/_bootstrap.sh"

# The tray needs a desktop session: say so before installing or writing anything.
# (`--status` only asks a running tray, which needs no display.)
if [[ " $* " != *" --status "* ]] && ! pw_has_desktop; then
    echo "pastewarden: the tray app needs a desktop session, and none is set (DISPLAY and" \
        "WAYLAND_DISPLAY are empty): start it from a terminal inside your graphical login," \
        "or over SSH with X forwarding (ssh -X)" >&2
    exit 2
fi

PW_EXTRAS="i18n"  # the app and Babel (to compile its message catalogues): no test tools
# shellcheck disable=SC2119  # no extra apt packages: the tray app needs only the runtime set
pw_bootstrap
cd "$PW_ROOT"
.venv/bin/python scripts/translations.py compile
exec .venv/bin/pastewarden run "$@"
