#!/usr/bin/env bash
# Installs Debian's chromium for the browser tests and bench:web when it is missing. Nothing here
# downloads a browser of its own: playwright-core drives /usr/bin/chromium.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
echo "browser: installing Debian's chromium" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq chromium >&2
