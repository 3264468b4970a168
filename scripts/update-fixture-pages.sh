#!/usr/bin/env bash
# Rewrites Tests/Fixtures/valid/expected/ from a fresh build. Review the diff before committing:
# the expected pages are what the fixture test holds the renderer to.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)/public
.build/debug/syllabus build --content Tests/Fixtures/valid/content --output "$out" --strict
pages="index.html topics/basics.html topics/advanced.html questions/basics/first.html questions/basics/second.html
cheatsheets/basics.html cheatsheets/index.html paths/skimmer.html pages/about.html tags/fundamentals.html levels/senior.html"
for page in $pages; do
  mkdir -p "Tests/Fixtures/valid/expected/$(dirname "$page")"
  python3 - "$out/$page" "Tests/Fixtures/valid/expected/$page" <<'PY'
import sys
html = open(sys.argv[1], encoding="utf-8").read()
start, end = html.index("<main"), html.index("</main>") + len("</main>")
open(sys.argv[2], "w", encoding="utf-8").write(html[start:end] + "\n")
PY
done
echo "updated $(echo $pages | wc -w) expected pages"
