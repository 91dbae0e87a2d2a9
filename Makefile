# mcptask: the two set-up commands of the README are `make demo` and `make test`.
SWIFT ?= swift
SWIFT_FLAGS ?= --explicit-target-dependency-import-check error
PREFIX ?= /usr/local
BIN := .build/debug

.PHONY: deps build demo test lint unit interop-env bench release clean

# Installs what the build needs and is missing (libedit-dev through apt).
deps:
	@if ! dpkg -s libedit-dev >/dev/null 2>&1 || ! command -v pkg-config >/dev/null 2>&1; then \
		echo "installing libedit-dev and pkg-config"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq libedit-dev pkg-config >/dev/null; \
	fi

build: deps
	$(SWIFT) build $(SWIFT_FLAGS)

# Builds and shows mcptask against the bundled demo server.
demo: build
	$(BIN)/mcptask tools -s demo
	$(BIN)/mcptask call -s demo slow_count n=5 delay=0.2
	$(BIN)/mcptask call -s demo ask_user --answer name=Ada --answer age=36

interop-env:
	bash scripts/setup-interop.sh

lint:
	$(SWIFT) format lint --strict --recursive Package.swift Sources Tests

# The whole suite: format lint, unit tests, end-to-end tests against the demo server, and interoperability
# tests against the official Python SDK server.
test: deps interop-env lint
	$(SWIFT) build $(SWIFT_FLAGS) --build-tests
	MCPTASK_BIN=$(CURDIR)/$(BIN)/mcptask $(SWIFT) test $(SWIFT_FLAGS) --skip-build

bench: deps
	bash bench/run.sh

release: deps
	$(SWIFT) build -c release --static-swift-stdlib $(SWIFT_FLAGS)

clean:
	rm -rf .build
