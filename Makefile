# NetTriage: `make run` starts the wizard, `make test` runs every test. Both install what is missing
# first (libedit-dev, via apt-get when run as root).

SWIFT ?= swift
PREFIX ?= /usr/local
CONFIG ?= debug
BIN := .build/$(CONFIG)/nettriage
APT_PACKAGES := libedit-dev pkg-config
# The flood-mitigation lab (tests that need root) also needs these; installed when root, else the lab
# tests report themselves skipped.
LAB_PACKAGES := iptables iproute2

.PHONY: all deps lab-deps build run test unit lint kb-lint format install clean

all: build

# Installs the system packages the build needs, only when they are missing.
deps:
	@missing=""; \
	for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  elif command -v sudo >/dev/null 2>&1; then \
	    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "error: missing packages:$$missing (install them with apt-get as root)"; exit 1; \
	  fi; \
	fi

# The lab's packages, when root; without root the lab tests are skipped and say why.
lab-deps:
	@missing=""; \
	for p in $(LAB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ] && [ "$$(id -u)" = 0 ]; then \
	  echo "installing:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

build: deps
	$(SWIFT) build -c $(CONFIG)

# Starts the wizard on the embedded knowledge base. Exit codes 1 (inconclusive) and 2 (left before a
# conclusion) are outcomes, not failures of make.
run: build
	@$(BIN) $(ARGS) || [ $$? -le 2 ]

# Every test: unit, golden reports, end-to-end runs of the binary, the REPL through a pseudo-terminal,
# plus the knowledge-base lint and the formatting lint.
test: deps lab-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(BIN) kb lint --kb KnowledgeBase
	$(BIN) kb test --kb KnowledgeBase --exhaustive
	$(BIN) kb test --kb KnowledgeBase --random 2000 --seed 1
	$(MAKE) --no-print-directory lint

lint:
	$(SWIFT) format lint --strict --recursive Package.swift Sources Tests Plugins

format:
	$(SWIFT) format --in-place --recursive Package.swift Sources Tests Plugins

install: deps
	$(SWIFT) build -c release
	install -d "$(DESTDIR)$(PREFIX)/bin"
	install -m 0755 "$$($(SWIFT) build -c release --show-bin-path)/nettriage" "$(DESTDIR)$(PREFIX)/bin/nettriage"

clean:
	rm -rf .build
