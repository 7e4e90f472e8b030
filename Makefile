# NetTriage: `make run` starts the wizard, `make test` runs every test. Both install what is missing
# first (libedit-dev, via apt-get when run as root).

SWIFT ?= swift
PREFIX ?= /usr/local
CONFIG ?= debug
BIN := .build/$(CONFIG)/nettriage
# The release binary (bench, install) links the Swift runtime and Foundation statically on Linux:
# a copied executable then needs no Swift toolchain, and it starts faster, with no dynamic loader
# binding its symbols to a dozen shared libraries (Benchmarks/README.md). Empty elsewhere.
RELEASE_FLAGS ?= $(if $(filter Linux,$(shell uname -s)),--static-swift-stdlib,)
APT_PACKAGES := libedit-dev pkg-config cmark-gfm
# The flood lab (lab/flood-lab.sh and its tests): namespaces, netfilter rules, the listener.
LAB_APT_PACKAGES := iptables iproute2 python3

# ansible-core for the fleet test (docs/fleet.md); a venv when the system pip refuses (PEP 668).
FLEET_VENV := .build/fleet-venv

.PHONY: all deps lab-deps fleet-deps lab-up lab-down build run test unit lint kb-lint cases format install clean fuzz fuzz-build fuzz-smoke fuzz-run sanitize bench

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

# Installs what the flood lab needs, when missing, as root. Without root the lab tests skip
# themselves and say why, so this only warns.
lab-deps:
	@missing=""; \
	for p in $(LAB_APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "note: the flood-lab tests need$$missing and root; they will be skipped"; \
	  fi; \
	fi

# Installs ansible-core from PyPI for the Ansible fleet test, when ansible-playbook is missing:
# with pip, else into $(FLEET_VENV). Without it that test skips itself and says why, so this only warns.
fleet-deps:
	@if ! command -v ansible-playbook >/dev/null 2>&1 && [ ! -x $(FLEET_VENV)/bin/ansible-playbook ]; then \
	  echo "installing: ansible-core (PyPI)"; \
	  python3 -m pip install --quiet ansible-core >/dev/null 2>&1 \
	  || { python3 -m venv $(FLEET_VENV) && $(FLEET_VENV)/bin/pip install --quiet ansible-core; } \
	  || echo "note: ansible-core could not be installed; the Ansible fleet test will be skipped"; \
	fi

# A flood lab to try probes by hand (docs/lab.md): make lab-up, then
# ip netns exec nt-lab-main .build/debug/nettriage probe fanout --source 127.0.0.2 ...
lab-up: lab-deps build
	bash lab/flood-lab.sh up nt-lab-main

lab-down:
	bash lab/flood-lab.sh down nt-lab-main

build: deps
	$(SWIFT) build -c $(CONFIG)

# Starts the wizard on the embedded knowledge base. Exit codes 1 (inconclusive) and 2 (left before a
# conclusion) are outcomes, not failures of make.
# The build's own output goes to standard error, so `make run ARGS="run --json -" > r.json` gets
# only the program's.
run: deps
	@$(SWIFT) build -c $(CONFIG) >&2
	@$(BIN) $(ARGS) || [ $$? -le 2 ]

# Every test: unit, golden reports, end-to-end runs of the binary, the REPL through a pseudo-terminal,
# the flood lab (as root), plus the knowledge-base lint and the formatting lint. `make test FUZZ=1`
# adds a 10-second run of each fuzz target (its sanitized build takes minutes, so CI leaves it out).
test: deps lab-deps fleet-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(BIN) kb lint --kb KnowledgeBase
	$(BIN) kb test --kb KnowledgeBase --exhaustive
	$(BIN) kb test --kb KnowledgeBase --random 2000 --seed 1
	$(BIN) kb test --kb KnowledgeBase --cases
	$(MAKE) --no-print-directory lint
	@if [ "$(FUZZ)" = 1 ]; then $(MAKE) --no-print-directory fuzz-smoke; fi

# Benchmarks (Benchmarks/README.md): builds the release binary, runs every suite of
# Benchmarks/suites and prints one table of ratios against the tools people would otherwise use,
# measured in the same run, with peak memory; the rows also go to Benchmarks/results/latest.json.
# BENCH_SIZE=tiny is a quick check of the harness; NETTRIAGE=path benchmarks another binary (and
# skips the build). Never part of `make test`.
BENCH_SIZE ?= full

bench: deps
	@if [ -z "$(NETTRIAGE)" ]; then $(SWIFT) build -c release $(RELEASE_FLAGS) >&2; fi
	@NETTRIAGE="$${NETTRIAGE:-$$($(SWIFT) build -c release $(RELEASE_FLAGS) --show-bin-path)/nettriage}" \
	  sh Benchmarks/run.sh $(BENCH_SIZE)

# Grades the real incidents of KnowledgeBase/cases (a low score is reported, not a failure; a case
# that cannot load or run exits 65).
cases: build
	$(BIN) kb test --kb KnowledgeBase --cases

lint:
	$(SWIFT) format lint --strict --recursive Package.swift Sources Tests Plugins Fuzz/Package.swift Fuzz/Sources

# libFuzzer targets (Fuzz/, docs/limits.md): the condition language, the knowledge-base loader and
# linter, answer files, every evidence importer; built with AddressSanitizer (and UBSan for the C of
# libyaml). `make fuzz` runs each for FUZZ_SECONDS (600 by default), keeping its corpus in
# Fuzz/corpus/TARGET (seeded from the real inputs: the importers' fixtures, the knowledge base, the
# scenarios' answer files) and any crash in Fuzz/crashes/; `make fuzz-smoke` runs each for 10 seconds.
FUZZ_TARGETS := FuzzConditions FuzzKnowledgeBase FuzzAnswerFile FuzzImporters
FUZZ_SECONDS ?= 600
FUZZ ?= 0
FUZZ_BIN = Fuzz/.build/release

fuzz-build:
	$(SWIFT) build --package-path Fuzz -c release -Xswiftc -sanitize=fuzzer,address \
	  -Xswiftc -use-ld=lld -Xcc -fsanitize=fuzzer-no-link,address,undefined

# The whole test suite under AddressSanitizer (and UBSan for libyaml's C), in its own build folder;
# part of `make fuzz`.
sanitize: deps
	$(SWIFT) build --build-tests --scratch-path .build-asan --sanitize=address \
	  -Xswiftc -use-ld=lld -Xcc -fsanitize=undefined
	# The test runner itself leaks a few objects on purpose, so it runs without leak checks; the
	# nettriage processes the tests start are checked for leaks, less the suppressions of leaks in
	# Foundation (Tests/Sanitizers/lsan.supp), with timeouts five times as long.
	ASAN_OPTIONS=detect_leaks=0 LSAN_OPTIONS=suppressions=$(CURDIR)/Tests/Sanitizers/lsan.supp \
	  NETTRIAGE_TEST_TIME_SCALE=5 $(SWIFT) test --skip-build --scratch-path .build-asan --sanitize=address \
	  -Xswiftc -use-ld=lld -Xcc -fsanitize=undefined

fuzz: sanitize fuzz-build
	@$(MAKE) --no-print-directory fuzz-run

fuzz-smoke: fuzz-build
	@$(MAKE) --no-print-directory fuzz-run FUZZ_SECONDS=10

fuzz-run:
	@mkdir -p Fuzz/crashes
	@for target in $(FUZZ_TARGETS); do \
	  mkdir -p Fuzz/corpus/$$target; \
	  echo "fuzzing $$target for $(FUZZ_SECONDS) s"; \
	  case $$target in \
	    FuzzImporters) seeds=Tests/TriageEvidenceTests/Fixtures ;; \
	    FuzzKnowledgeBase) seeds=KnowledgeBase ;; \
	    FuzzAnswerFile) seeds=KnowledgeBase/scenarios ;; \
	    *) seeds= ;; \
	  esac; \
	  $(FUZZ_BIN)/$$target -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -rss_limit_mb=2048 \
	    -timeout=10 -artifact_prefix=Fuzz/crashes/$$target- Fuzz/corpus/$$target $$seeds || exit 1; \
	done

format:
	$(SWIFT) format --in-place --recursive Package.swift Sources Tests Plugins

# The binary, shell completions for bash, zsh and fish, and a man page generated from the commands'
# help (swift-argument-parser's generate-manual plugin).
install: deps
	$(SWIFT) build -c release $(RELEASE_FLAGS)
	$(SWIFT) package plugin generate-manual >/dev/null
	@bin="$$($(SWIFT) build -c release $(RELEASE_FLAGS) --show-bin-path)/nettriage"; \
	share="$(DESTDIR)$(PREFIX)/share"; \
	set -e; \
	install -d "$(DESTDIR)$(PREFIX)/bin" "$$share/bash-completion/completions" \
	  "$$share/zsh/site-functions" "$$share/fish/vendor_completions.d" "$$share/man/man1"; \
	install -m 0755 "$$bin" "$(DESTDIR)$(PREFIX)/bin/nettriage"; \
	"$$bin" --generate-completion-script bash > "$$share/bash-completion/completions/nettriage"; \
	"$$bin" --generate-completion-script zsh > "$$share/zsh/site-functions/_nettriage"; \
	"$$bin" --generate-completion-script fish > "$$share/fish/vendor_completions.d/nettriage.fish"; \
	install -m 0644 .build/plugins/GenerateManual/outputs/nettriage/nettriage.1 "$$share/man/man1/nettriage.1"; \
	echo "installed $(DESTDIR)$(PREFIX)/bin/nettriage, its completions and its man page"

clean:
	rm -rf .build
