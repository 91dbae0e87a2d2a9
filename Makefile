# mcptask: the two set-up commands of the README are `make demo` and `make test`.
SWIFT ?= swift
SWIFT_FLAGS ?= --explicit-target-dependency-import-check error
# Where SwiftPM builds (its --scratch-path); debug products land in $(SCRATCH)/debug, release ones in
# $(SCRATCH)/release.
SCRATCH ?= .build
SWIFT_BUILD = $(SWIFT) build $(SWIFT_FLAGS) --scratch-path $(SCRATCH)
BIN = $(SCRATCH)/debug
RELEASE_BIN = $(SCRATCH)/release

# `make install` (and `make uninstall`): PREFIX and DESTDIR as usual; the completion directories are where
# bash-completion, zsh and fish look under a prefix.
PREFIX ?= /usr/local
DESTDIR ?=
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
BASH_COMPLETION_DIR ?= $(PREFIX)/share/bash-completion/completions
ZSH_COMPLETION_DIR ?= $(PREFIX)/share/zsh/site-functions
FISH_COMPLETION_DIR ?= $(PREFIX)/share/fish/vendor_completions.d
INSTALLED = $(DESTDIR)$(BINDIR)/mcptask $(DESTDIR)$(BINDIR)/mcptask-demo $(DESTDIR)$(MANDIR)/man1/mcptask.1 \
	$(DESTDIR)$(BASH_COMPLETION_DIR)/mcptask $(DESTDIR)$(ZSH_COMPLETION_DIR)/_mcptask \
	$(DESTDIR)$(FISH_COMPLETION_DIR)/mcptask.fish

.PHONY: deps test-deps build demo test lint unit interop-env docs check-docs docs-tools bench bench-journal bench-json bench-tasks release \
	install install-files uninstall deb check-deb clean fuzz fuzz-smoke fuzz-build fuzz-corpus

# The libFuzzer harnesses of Fuzz/ (JSON and JSON-RPC decoding, the line framer, the SSE parser) build into
# FUZZ_OUT, outside SwiftPM; their seed corpora come from the recorded traces in TRACES. `make fuzz` runs each
# for FUZZ_SECONDS, `make fuzz-smoke` (part of `make test`) for FUZZ_SMOKE_SECONDS so a harness cannot rot.
FUZZ_OUT ?= .build-fuzz
TRACES ?= ../shared/traces
FUZZ_SECONDS ?= 600
FUZZ_SMOKE_SECONDS ?= 60

# Runs apt-get install for the Debian packages in $(1) that are not installed yet (as root, or with sudo).
apt_install = missing=""; for package in $(1); do dpkg -s $$package >/dev/null 2>&1 || missing="$$missing $$package"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing$$missing"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

# Installs what the build needs and is missing (libedit-dev and libsqlite3-dev through apt).
deps:
	@$(call apt_install,libedit-dev libsqlite3-dev pkg-config)

# What the tests need besides the build: the three shells whose completion is tested (bash is there), tmux
# to give them a terminal, groff and man-db for the man page.
test-deps:
	@$(call apt_install,zsh fish tmux groff-base man-db)

build: deps
	$(SWIFT_BUILD)

# Builds and shows mcptask against the bundled demo server.
demo: build
	$(BIN)/mcptask tools -s demo
	$(BIN)/mcptask call -s demo slow_count n=5 delay=0.2
	$(BIN)/mcptask call -s demo ask_user --answer name=Ada --answer age=36

interop-env:
	bash scripts/setup-interop.sh

# Format, and the layering inside targets (no folder circles, no target over 30 % of the source lines).
lint:
	$(SWIFT) format lint --strict --recursive Package.swift Sources Tests Fuzz
	python3 scripts/check-layers.py Sources

# mcptask and argument-parser's man page generator, which docs and check-docs run.
docs-tools: deps
	$(SWIFT_BUILD) --product mcptask
	$(SWIFT_BUILD) --product generate-manual

# Regenerates completions/ and man/mcptask.1 from the command definitions (and man/sections.mdoc and
# scripts/completion/). Run it after changing a command, an option or its help, and commit the result.
docs: docs-tools
	bash scripts/generate-docs.sh $(BIN)/mcptask $(BIN)/generate-manual .

# Fails when completions/ or man/mcptask.1 differ from what `make docs` would write.
check-docs: docs-tools
	bash scripts/check-docs.sh $(BIN)/mcptask $(BIN)/generate-manual

# The whole suite: format lint, generated files up to date, unit tests, end-to-end tests against the demo
# server (shell completion and the man page among them), and interoperability tests against the official
# Python SDK server.
test: deps test-deps interop-env lint
	$(SWIFT_BUILD) --build-tests
	$(MAKE) --no-print-directory check-docs
	$(MAKE) --no-print-directory check-deb
	MCPTASK_BIN=$(CURDIR)/$(BIN)/mcptask $(SWIFT) test $(SWIFT_FLAGS) --scratch-path $(SCRATCH) --skip-build
	$(MAKE) --no-print-directory fuzz-smoke

fuzz-build:
	bash Fuzz/build.sh $(FUZZ_OUT)

fuzz-corpus:
	python3 Fuzz/make-corpus.py $(TRACES) $(FUZZ_OUT)/corpus

fuzz: fuzz-build fuzz-corpus
	bash Fuzz/run.sh $(FUZZ_OUT) $(FUZZ_SECONDS)

fuzz-smoke: fuzz-build fuzz-corpus
	bash Fuzz/run.sh $(FUZZ_OUT) $(FUZZ_SMOKE_SECONDS)

bench: deps
	bash bench/run.sh

# What the task journal costs `call`, `status last` and a prefix lookup at 0 and 10,000 entries.
bench-journal: deps
	bash bench/journal.sh

# JSON reading speed: the parser alone and whole `tools` runs on a 13 MB tools/list, beside raw Python.
bench-json: deps
	bash bench/json/run.sh

# Many tasks at once: 50 and 500 demo tasks followed through a background session and the REPL, beside raw
# Python: tasks/get against the poll budget, result latency, CPU per task and peak memory.
bench-tasks: deps
	bash bench/many_tasks/run.sh

release: deps
	$(SWIFT_BUILD) -c release --static-swift-stdlib

# Installs the release build, the demo server (found beside mcptask), the man page and the completion scripts.
install: release
	$(MAKE) --no-print-directory install-files

# The copying part of install, from the binaries in INSTALL_FROM. The binaries are installed stripped: the
# debug information is two thirds of a release binary and no use to someone running it (`make release`
# leaves the unstripped binaries in $(RELEASE_BIN) for debugging).
STRIP ?= strip
INSTALL_FROM ?= $(RELEASE_BIN)
install-files:
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(BASH_COMPLETION_DIR) \
		$(DESTDIR)$(ZSH_COMPLETION_DIR) $(DESTDIR)$(FISH_COMPLETION_DIR)
	install -m 755 -s --strip-program=$(STRIP) $(INSTALL_FROM)/mcptask $(DESTDIR)$(BINDIR)/mcptask
	install -m 755 -s --strip-program=$(STRIP) $(INSTALL_FROM)/mcptask-demo $(DESTDIR)$(BINDIR)/mcptask-demo
	install -m 644 man/mcptask.1 $(DESTDIR)$(MANDIR)/man1/mcptask.1
	install -m 644 completions/mcptask.bash $(DESTDIR)$(BASH_COMPLETION_DIR)/mcptask
	install -m 644 completions/mcptask.zsh $(DESTDIR)$(ZSH_COMPLETION_DIR)/_mcptask
	install -m 644 completions/mcptask.fish $(DESTDIR)$(FISH_COMPLETION_DIR)/mcptask.fish

# Removes exactly what `make install` installed (with the same PREFIX and DESTDIR).
uninstall:
	rm -f $(INSTALLED)

# A Debian package of the release build, made with dpkg-deb (see scripts/build-deb.sh for why not
# debhelper): mcptask_VERSION_ARCH.deb in $(DEB_DIR), for `apt install ./mcptask_*.deb`.
DEB_DIR ?= $(SCRATCH)/deb
deb: release
	bash scripts/build-deb.sh $(RELEASE_BIN) $(DEB_DIR)

# Builds a package the same way from the debug build (a release build takes minutes on a small machine),
# installs it with dpkg into an empty root and runs `mcptask tools -s demo` from there. `make test` runs it.
check-deb: build
	DEB_COMPRESSION=gzip bash scripts/build-deb.sh $(BIN) $(SCRATCH)/deb-check
	bash scripts/check-deb.sh $(SCRATCH)/deb-check

clean:
	rm -rf $(SCRATCH) $(FUZZ_OUT)
