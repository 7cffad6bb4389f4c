# Lotse: the two commands are `make run` and `make test`. `make help` lists the rest.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help install run test lint format migrate seed bench messages vendor-static clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e ".[dev]"
	@touch $(STAMP)

install: $(STAMP) ## create .venv and install the pinned dependencies

migrate: $(STAMP) ## apply database migrations
	$(MANAGE) migrate --no-input

seed: migrate ## load the demo data (idempotent)
	$(MANAGE) seed_demo --if-empty

run: seed ## install, migrate, load demo data if empty, serve on http://127.0.0.1:8000
	$(MANAGE) runserver $(HOST):$(PORT)

lint: $(STAMP) ## ruff check, ruff format --check, import-linter
	$(BIN)/ruff check src tests manage.py
	$(BIN)/ruff format --check src tests manage.py
	$(BIN)/lint-imports --no-cache

format: $(STAMP) ## format and auto-fix
	$(BIN)/ruff format src tests manage.py
	$(BIN)/ruff check --fix src tests manage.py

# The browser tests drive the same pages whatever the database, so with PostgreSQL configured
# they run once, there (the production database), and the SQLite run skips them.
test: lint ## lint, then the suite on SQLite, and on PostgreSQL too when DATABASE_URL points to one
	@case "$${DATABASE_URL:-}" in \
	  postgres*) echo "--- on SQLite (the browser tests run with PostgreSQL)"; \
	    env -u DATABASE_URL LOTSE_ENV=test $(BIN)/python -m pytest -m "not browser" $(PYTEST_ARGS) && \
	    echo "--- again on PostgreSQL ($${DATABASE_URL})" && \
	    LOTSE_ENV=test $(BIN)/python -m pytest $(PYTEST_ARGS) ;; \
	  *) env -u DATABASE_URL LOTSE_ENV=test $(BIN)/python -m pytest $(PYTEST_ARGS) && \
	    echo "--- DATABASE_URL does not point to PostgreSQL: the suite ran on SQLite only" ;; \
	esac

bench: migrate ## run the benchmarks and print their figures
	$(MANAGE) bench

LOCALES := de en ar uk tr ru fa es fr
messages: $(STAMP) ## update and compile the message catalogs (staff: de, en; portal: all)
	cd src/lotse && ../../$(BIN)/python ../../manage.py makemessages \
	  $(addprefix -l ,$(LOCALES)) --no-obsolete && ../../$(BIN)/python ../../manage.py compilemessages

vendor-static: ## refresh vendored Bootstrap and htmx from the npm registry
	./scripts/vendor-static.sh

clean: ## remove the virtualenv and the local database
	rm -rf $(VENV) var/lotse.sqlite3*
