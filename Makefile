# orbat: `make demo` builds a knowledge base from examples/corpus and serves it; `make test` runs every check.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
DEMO_DB ?= demo.db
PORT ?= 8000

.PHONY: install assets demo test lint typecheck pytest eval eval-examples eval-heldout bench clean

$(BIN)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,cluster,pdf]'
	touch $@

install: $(BIN)/.installed assets

# Front-end libraries from the npm registry (package.json + package-lock.json), served from the install.
VENDOR := src/orbat/web/static/vendor
assets: $(VENDOR)/.installed

$(VENDOR)/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	rm -rf $(VENDOR) && mkdir -p $(VENDOR)/leaflet/images
	cp node_modules/cytoscape/dist/cytoscape.min.js $(VENDOR)/
	cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css $(VENDOR)/leaflet/
	cp node_modules/leaflet/dist/images/*.png $(VENDOR)/leaflet/images/
	cp node_modules/topojson-client/dist/topojson-client.min.js $(VENDOR)/
	cp node_modules/world-atlas/countries-50m.json $(VENDOR)/countries-50m.json
	cp node_modules/cytoscape/LICENSE $(VENDOR)/cytoscape.LICENSE
	cp node_modules/leaflet/LICENSE $(VENDOR)/leaflet/LICENSE
	cp node_modules/topojson-client/LICENSE $(VENDOR)/topojson-client.LICENSE
	cp node_modules/world-atlas/LICENSE $(VENDOR)/world-atlas.LICENSE
	touch $@

# The demo's admin user "demo" gets a fresh random password each run (or DEMO_PASSWORD=...), printed
# before the server starts; the server listens on 127.0.0.1 only.
demo: install
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/orbat --db $(DEMO_DB) init
	$(BIN)/orbat --db $(DEMO_DB) ingest examples/corpus
	@pw="$${DEMO_PASSWORD:-$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(12))')}"; \
	printf '%s\n' "$$pw" | $(BIN)/orbat --db $(DEMO_DB) user add demo --role admin --password-stdin && \
	printf '\n  orbat demo on http://127.0.0.1:$(PORT)/  log in as: demo  password: %s\n\n' "$$pw"
	$(BIN)/orbat --db $(DEMO_DB) serve --host 127.0.0.1 --port $(PORT)

lint: install
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/lint-imports

typecheck: install
	$(BIN)/mypy

pytest: install
	$(BIN)/pytest -q $(PYTEST_ARGS)

test: lint typecheck pytest

eval: install
	@tmp=$$(mktemp -d); \
	$(BIN)/orbat --db $$tmp/eval.db ingest --no-progress $(SHARED)/corpus > $$tmp/ingest.log 2>&1 || { cat $$tmp/ingest.log; exit 1; }; \
	$(BIN)/orbat --db $$tmp/eval.db export --format claims-jsonl -o $$tmp/claims.jsonl 2>/dev/null; \
	$(BIN)/python $(SHARED)/eval/score.py --gold $(SHARED)/gold --pred $$tmp/claims.jsonl; \
	rm -rf $$tmp

# The same measure on the project's own sample corpus: examples/expected_claims.jsonl as gold.
eval-examples: install
	@tmp=$$(mktemp -d); \
	$(BIN)/python tools/expected_to_gold.py examples/expected_claims.jsonl $$tmp/gold 2>/dev/null || exit 1; \
	$(BIN)/orbat --db $$tmp/eval.db ingest --no-progress examples/corpus > $$tmp/ingest.log 2>&1 || { cat $$tmp/ingest.log; exit 1; }; \
	$(BIN)/orbat --db $$tmp/eval.db export --format claims-jsonl -o $$tmp/claims.jsonl 2>/dev/null; \
	$(BIN)/python $(SHARED)/eval/score.py --gold $$tmp/gold --pred $$tmp/claims.jsonl; \
	rm -rf $$tmp

# Prose the rules were not written against: examples/heldout (see its README for which batches were read).
eval-heldout: install
	@tmp=$$(mktemp -d); \
	$(BIN)/orbat --db $$tmp/eval.db ingest --no-progress examples/heldout/corpus > $$tmp/ingest.log 2>&1 || { cat $$tmp/ingest.log; exit 1; }; \
	$(BIN)/orbat --db $$tmp/eval.db export --format claims-jsonl -o $$tmp/claims.jsonl 2>/dev/null; \
	$(BIN)/python $(SHARED)/eval/score.py --gold examples/heldout/gold --pred $$tmp/claims.jsonl; \
	rm -rf $$tmp

bench: install
	$(BIN)/python -m orbat.bench $(BENCH_ARGS)
	$(BIN)/python -m orbat.bench.formats --docs 100

clean:
	rm -rf node_modules $(VENDOR) $(VENV) .mypy_cache .ruff_cache .pytest_cache $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
