#!/usr/bin/env bash
# Build, sign, notarize and staple PasteWarden.pkg from the PyInstaller .app.
# UNVERIFIED: written on Linux, never run on a Mac. Run after `python installer/build.py macos`.
#
# Inputs (environment; all signing inputs optional: without them an UNSIGNED pkg is built):
#   VERSION                 e.g. 0.1.0 (default: from pyproject.toml)
#   APP_SIGN_IDENTITY       "Developer ID Application: Example Clinic IT (TEAMID)"
#   PKG_SIGN_IDENTITY       "Developer ID Installer: Example Clinic IT (TEAMID)"
#   NOTARY_PROFILE          a `xcrun notarytool store-credentials` keychain profile name
# Output: build/macos/PasteWarden-$VERSION.pkg
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
APP="$ROOT/build/pyi/dist/PasteWarden.app"
OUT="$ROOT/build/macos"
VERSION="${VERSION:-$(sed -n 's/^version = "\(.*\)"/\1/p' "$ROOT/pyproject.toml")}"
BUNDLE_ID="org.pastewarden.PasteWarden"

[ -d "$APP" ] || { echo "no $APP: run python installer/build.py macos first" >&2; exit 1; }
rm -rf "$OUT" && mkdir -p "$OUT/root/Applications" "$OUT/root/Library/LaunchAgents" "$OUT/scripts"

# 1. Sign the app (hardened runtime is required for notarization), inside out.
if [ -n "${APP_SIGN_IDENTITY:-}" ]; then
    codesign --force --deep --options runtime --timestamp \
        --sign "$APP_SIGN_IDENTITY" "$APP"
    codesign --verify --strict --verbose=2 "$APP"
fi

# 2. Payload: the app and the per-machine LaunchAgent (every user's Aqua login).
ditto "$APP" "$OUT/root/Applications/PasteWarden.app"
cp "$ROOT/installer/macos/$BUNDLE_ID.plist" "$OUT/root/Library/LaunchAgents/"
cp "$ROOT/installer/macos/postinstall" "$OUT/scripts/postinstall"
chmod 755 "$OUT/scripts/postinstall"

# 3. Component pkg, then the distribution pkg (productbuild), signed when possible.
pkgbuild --root "$OUT/root" --identifier "$BUNDLE_ID" --version "$VERSION" \
    --scripts "$OUT/scripts" --install-location / "$OUT/PasteWarden-component.pkg"
SIGN_ARGS=()
[ -n "${PKG_SIGN_IDENTITY:-}" ] && SIGN_ARGS=(--sign "$PKG_SIGN_IDENTITY" --timestamp)
productbuild --package "$OUT/PasteWarden-component.pkg" "${SIGN_ARGS[@]}" \
    "$OUT/PasteWarden-$VERSION.pkg"

# 4. Notarize and staple (only for a signed pkg).
if [ -n "${NOTARY_PROFILE:-}" ] && [ -n "${PKG_SIGN_IDENTITY:-}" ]; then
    xcrun notarytool submit "$OUT/PasteWarden-$VERSION.pkg" \
        --keychain-profile "$NOTARY_PROFILE" --wait
    xcrun stapler staple "$OUT/PasteWarden-$VERSION.pkg"
    xcrun stapler validate "$OUT/PasteWarden-$VERSION.pkg"
fi
echo "built $OUT/PasteWarden-$VERSION.pkg"
