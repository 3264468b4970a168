#!/usr/bin/env bash
# Generates the locales the tests build under (ReliabilityTests: the site must come out byte
# for byte the same under tr_TR and de_DE as under C). Without them glibc silently falls back
# to C and the test would compare C with C. Does nothing when they are already there.
set -euo pipefail
wanted=(tr_TR.UTF-8 de_DE.UTF-8)
missing=()
for name in "${wanted[@]}"; do
  # `locale -a` spells tr_TR.UTF-8 as tr_TR.utf8.
  locale -a 2>/dev/null | grep -qix "${name%.UTF-8}.utf8" || missing+=("$name")
done
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi

"$(dirname "$0")/install-deps.sh" locales
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "generating locales: ${missing[*]}"
for name in "${missing[@]}"; do
  # Enable the line in /etc/locale.gen (commented out by default), or add it.
  if grep -q "^# *$name UTF-8" /etc/locale.gen; then
    $sudo sed -i "s/^# *\($name UTF-8\)/\1/" /etc/locale.gen
  elif ! grep -q "^$name UTF-8" /etc/locale.gen; then
    echo "$name UTF-8" | $sudo tee -a /etc/locale.gen >/dev/null
  fi
done
$sudo locale-gen
