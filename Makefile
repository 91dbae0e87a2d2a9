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

.PHONY: deps test-deps build demo test lint unit interop-env docs check-docs docs-tools bench bench-json release install \
	uninstall clean

# Runs apt-get install for the Debian packages in $(1) that are not installed yet (as root, or with sudo).
apt_install = missing=""; for package in $(1); do dpkg -s $$package >/dev/null 2>&1 || missing="$$missing $$package"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing$$missing"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

# Installs what the build needs and is missing (libedit-dev through apt).
deps:
	@$(call apt_install,libedit-dev pkg-config)

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
	$(SWIFT) format lint --strict --recursive Package.swift Sources Tests
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
	MCPTASK_BIN=$(CURDIR)/$(BIN)/mcptask $(SWIFT) test $(SWIFT_FLAGS) --scratch-path $(SCRATCH) --skip-build

bench: deps
	bash bench/run.sh

# JSON reading speed: the parser alone and whole `tools` runs on a 13 MB tools/list, beside raw Python.
bench-json: deps
	bash bench/json/run.sh

release: deps
	$(SWIFT_BUILD) -c release --static-swift-stdlib

# Installs the release build, the demo server (found beside mcptask), the man page and the completion scripts.
install: release
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(BASH_COMPLETION_DIR) \
		$(DESTDIR)$(ZSH_COMPLETION_DIR) $(DESTDIR)$(FISH_COMPLETION_DIR)
	install -m 755 $(RELEASE_BIN)/mcptask $(DESTDIR)$(BINDIR)/mcptask
	install -m 755 $(RELEASE_BIN)/mcptask-demo $(DESTDIR)$(BINDIR)/mcptask-demo
	install -m 644 man/mcptask.1 $(DESTDIR)$(MANDIR)/man1/mcptask.1
	install -m 644 completions/mcptask.bash $(DESTDIR)$(BASH_COMPLETION_DIR)/mcptask
	install -m 644 completions/mcptask.zsh $(DESTDIR)$(ZSH_COMPLETION_DIR)/_mcptask
	install -m 644 completions/mcptask.fish $(DESTDIR)$(FISH_COMPLETION_DIR)/mcptask.fish

# Removes exactly what `make install` installed (with the same PREFIX and DESTDIR).
uninstall:
	rm -f $(INSTALLED)

clean:
	rm -rf $(SCRATCH)
