# eventdesk — the two commands of the quick start are `make demo` and `make test`.
# Each creates .venv and installs everything on a fresh machine (Python 3.11 + pip).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
EXAMPLE := examples/hamas-islamic-jihad-coordination.txt
DEMO_DB ?= eventdesk.sqlite

.PHONY: demo test lint typecheck unit install clean web-assets

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev,spark]'
	$(BIN)/eventdesk data build  # the gazetteer index, once (docs/where-and-when.md); else built at first use
	touch $(STAMP)

install: $(STAMP)

## Code the example article into the embedded database and show its events.
demo: $(STAMP)
	$(BIN)/eventdesk run --no-progress --db $(DEMO_DB) $(EXAMPLE)
	$(BIN)/eventdesk events --db $(DEMO_DB) --format table

## Lint, type-check and run the whole test suite.
test: lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check src tests bench scripts

typecheck: $(STAMP)
	$(BIN)/mypy

# Test files run in parallel (pytest-xdist, one file per worker at a time so module fixtures such as
# the private PostgreSQL server start once): one worker per core, at most 4, since each loads spaCy.
TEST_WORKERS ?= $(shell n=$$(nproc 2>/dev/null || echo 1); [ $$n -gt 4 ] && n=4; echo $$n)

unit: $(STAMP)
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm

## Copy the dashboard's third-party files from the npm registry into the package (needs npm; the
## copies are committed, so users and CI never run this). See src/eventdesk/web/static/vendor/README.md.
web-assets:
	cd web && npm ci --no-audit --no-fund
	cp web/node_modules/world-atlas/countries-110m.json src/eventdesk/web/static/vendor/countries-110m.json
	cp web/node_modules/world-atlas/LICENSE src/eventdesk/web/static/vendor/LICENSE.world-atlas
	cp web/node_modules/topojson-client/dist/topojson-client.min.js src/eventdesk/web/static/vendor/topojson-client.min.js
	cp web/node_modules/topojson-client/LICENSE src/eventdesk/web/static/vendor/LICENSE.topojson-client
