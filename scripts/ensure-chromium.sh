#!/usr/bin/env bash
# Makes sure Debian's chromium is installed (the HTML report test and `npm run report:screenshot`
# drive it through playwright-core). Prints the path of the browser. Fails loudly if it cannot.
set -euo pipefail
find_chromium() { command -v chromium || command -v chromium-browser || true; }
path="$(find_chromium)"
if [ -z "$path" ]; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "ensure-chromium: chromium is not installed and cannot be installed here (need root and apt-get). Install Debian's 'chromium' package or set CHROMIUM_PATH." >&2
    exit 1
  fi
  echo "ensure-chromium: installing Debian's chromium package..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends chromium >&2
  path="$(find_chromium)"
fi
if [ -z "$path" ]; then
  echo "ensure-chromium: chromium still not found after installing it." >&2
  exit 1
fi
echo "$path"
