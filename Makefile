# The two commands of the README (`make demo`, `make test`) do the whole set-up.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000
PYTEST_ARGS ?=

.PHONY: install demo demo-data test test-sqlite test-postgres test-hostile bench lint format messages clean

$(BIN)/newsfold: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

install: $(BIN)/newsfold

demo-data: install
	$(BIN)/newsfold migrate --no-input -v0
	$(BIN)/newsfold import demo/outlets.opml demo/feeds demo/pages demo/dumps --captured-at 2026-11-20T12:00:00+00:00
	$(BIN)/newsfold refile
	$(BIN)/newsfold enrich
	$(BIN)/newsfold demo-readers

demo: demo-data
	$(BIN)/newsfold serve --host $(HOST) --port $(PORT)

# The suite runs twice: on SQLite with its cache file, then on PostgreSQL with a Redis
# cache, as several machines would run (local servers are started if none answers).
# Debian's chromium is installed for the browser tests.
test: install
	scripts/ensure-chromium
	scripts/ensure-newsboat
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(MAKE) --no-print-directory test-sqlite test-postgres

test-sqlite: install
	env -u DATABASE_URL -u REDIS_URL $(BIN)/pytest -n 2 $(PYTEST_ARGS)

test-postgres: install
	DATABASE_URL="$$(scripts/ensure-postgres)" REDIS_URL="$$(scripts/ensure-redis)" \
		$(BIN)/pytest -n 2 $(PYTEST_ARGS)

# Every stored XSS vector of ../shared/data/hostile in Chromium (the suite runs a sample).
test-hostile: install
	scripts/ensure-chromium
	env -u DATABASE_URL $(BIN)/pytest -m slow -p no:logging tests/browser/test_hostile_vectors.py

bench: install
	scripts/ensure-wrk
	$(BIN)/python bench/run.py

# Re-read the translatable text and compile the catalogs (needs GNU gettext).
messages: install
	scripts/messages

lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf var/ .pytest_cache test-artifacts
