#!/bin/sh
# Installs Debian's Chromium for the console's browser tests (test/browser),
# which playwright-core drives with executablePath /usr/bin/chromium (Playwright's
# own browser download does not work on these machines). Also installs a CJK
# font so that Chinese renders in screenshots (optional: failure is not fatal).
# Idempotent and quiet: does nothing when both are already present.
# Exit status 0 when chromium is available afterwards, 1 otherwise.
set -u
CHROMIUM=${CHROMIUM_PATH:-/usr/bin/chromium}
have_font() { command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=zh 2>/dev/null | head -1)" ]; }
if [ -x "$CHROMIUM" ] && have_font; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup-browser: apt-get not found; install Chromium yourself and set CHROMIUM_PATH" >&2
  [ -x "$CHROMIUM" ]; exit $?
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else
    echo "setup-browser: not root and no sudo; cannot install chromium" >&2
    [ -x "$CHROMIUM" ]; exit $?
  fi
fi
export DEBIAN_FRONTEND=noninteractive
updated=""
apt_install() {
  if [ -z "$updated" ]; then $SUDO apt-get update -qq >/dev/null 2>&1 || true; updated=1; fi
  $SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null 2>&1
}
if [ ! -x "$CHROMIUM" ]; then
  echo "setup-browser: installing Debian chromium…" >&2
  apt_install chromium || { echo "setup-browser: apt-get install chromium failed" >&2; exit 1; }
fi
if ! have_font; then
  apt_install fonts-noto-cjk || echo "setup-browser: no CJK font installed (Chinese will render as boxes in screenshots)" >&2
fi
[ -x "$CHROMIUM" ]
