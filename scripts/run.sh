#!/usr/bin/env bash
# Start PasteWarden from the source tree: `bash scripts/run.sh [--policy FILE]`.
# Installs what is missing (apt packages, .venv) first, like scripts/test.sh.
set -euo pipefail

# shellcheck source=scripts/_bootstrap.sh
source "$(dirname "${BASH_SOURCE[0]}")/_bootstrap.sh"

# shellcheck disable=SC2119  # no extra apt packages: the tray app needs only the runtime set
pw_bootstrap
cd "$PW_ROOT"
exec .venv/bin/pastewarden run "$@"
