# The two commands of the README:
#   make        install what is missing, build the tool, write the guide to public/
#   make test   run every test
SWIFT ?= swift
BIN_RELEASE = .build/release/syllabus
BIN_DEBUG = .build/debug/syllabus

PREFIX ?= /usr/local

.PHONY: all deps embed tool site test fixtures serve bench fuzz clean install

all: site

deps:
	@scripts/install-deps.sh

# The theme (templates/) and the `init` starter (starter/) are compiled into the binary.
embed:
	@scripts/embed-files.sh

tool: deps embed
	$(SWIFT) build -c release --product syllabus

site: tool
	$(BIN_RELEASE) build --content content --templates templates --output public

# The binary and its shell completions (bash, zsh, fish) under $(PREFIX); `DESTDIR` for packagers.
install: tool
	install -d "$(DESTDIR)$(PREFIX)/bin" "$(DESTDIR)$(PREFIX)/share/bash-completion/completions" \
	  "$(DESTDIR)$(PREFIX)/share/zsh/site-functions" "$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d"
	install -m 755 $(BIN_RELEASE) "$(DESTDIR)$(PREFIX)/bin/syllabus"
	$(BIN_RELEASE) --generate-completion-script bash > "$(DESTDIR)$(PREFIX)/share/bash-completion/completions/syllabus"
	$(BIN_RELEASE) --generate-completion-script zsh > "$(DESTDIR)$(PREFIX)/share/zsh/site-functions/_syllabus"
	$(BIN_RELEASE) --generate-completion-script fish > "$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/syllabus.fish"

# Unit, fixture and end-to-end CLI tests (the CLI tests run the debug binary built here; the
# locale test needs tr_TR and de_DE generated; FuzzCorpusTests replays Fuzz/corpus through the
# fuzz target built without libFuzzer), then the browser suite: headless Chromium against the
# guide built by that binary (Tests/browser).
test: deps embed
	scripts/install-test-locales.sh
	$(SWIFT) build --build-tests
	SWIFT=$(SWIFT) scripts/run-swift-tests.sh
	scripts/install-browser-deps.sh
	PYTHONDONTWRITEBYTECODE=1 .venv/bin/pytest -q Tests/browser

clean:
	rm -rf .build

# Regenerate the valid fixture's expected pages (review the diff before committing).
fixtures: embed
	$(SWIFT) build --product syllabus
	scripts/update-fixture-pages.sh

# Author loop: serve the guide on http://127.0.0.1:8000/ and rebuild on every edit.
serve: tool
	$(BIN_RELEASE) serve --content content --templates templates

# Speed and memory against Hugo and cmark-gfm on generated corpora (see bench/README.md).
bench: deps
	bench/run.sh

# Fuzz front matter + YAML + Markdown + link rewriting with libFuzzer and AddressSanitizer for
# FUZZ_SECONDS (default 120). New crashes land in Fuzz/crashes/; move each, once fixed, into
# Fuzz/corpus/ so `make test` replays it.
FUZZ_SECONDS ?= 120
fuzz: deps
	$(SWIFT) build --product syllabus-fuzz --scratch-path .build-fuzz \
	  -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xcc -fsanitize=fuzzer-no-link,address
	mkdir -p .build-fuzz/corpus Fuzz/crashes
	cp Fuzz/corpus/* .build-fuzz/corpus/
	.build-fuzz/debug/syllabus-fuzz .build-fuzz/corpus -max_total_time=$(FUZZ_SECONDS) -max_len=8192 \
	  -rss_limit_mb=4096 -timeout=10 -artifact_prefix=Fuzz/crashes/ -print_final_stats=1
