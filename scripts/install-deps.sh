#!/usr/bin/env bash
# Installs Debian packages only when missing; uses sudo when not root.
# With no arguments: what the build needs. scripts/install-browser-deps.sh passes its own list.
set -euo pipefail

packages=("$@")
if [ ${#packages[@]} -eq 0 ]; then
  # libsqlite3-dev: GRDB (the Anki deck's SQLite collection) links the system SQLite.
  packages=(libcmark-gfm-dev libcmark-gfm-extensions-dev libsqlite3-dev pkg-config)
  # Math and code highlighting at build time (SyllabusTypeset): KaTeX with its browser CSS and
  # fonts, and highlight.js, both run by Node. A `node` already on PATH (say from NodeSource)
  # is used as it is; Debian's `nodejs` is installed only when there is none.
  packages+=(katex libjs-katex fonts-katex node-highlight.js)
  command -v node >/dev/null 2>&1 || command -v nodejs >/dev/null 2>&1 || packages+=(nodejs)
fi
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
