#!/usr/bin/env bash
# Installs Debian packages only when missing; uses sudo when not root.
# With no arguments: what the build needs. scripts/install-browser-deps.sh passes its own list.
set -euo pipefail

packages=("$@")
# libsqlite3-dev: GRDB (the Anki deck's SQLite collection) links the system SQLite.
[ ${#packages[@]} -gt 0 ] || packages=(libcmark-gfm-dev libcmark-gfm-extensions-dev libsqlite3-dev pkg-config)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi

echo "installing Debian packages: ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
