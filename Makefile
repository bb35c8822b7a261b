# Two commands for a newcomer: `make run` and `make test`. Both build on `make install`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
FLASK := $(BIN)/flask --app wsgi
HOST ?= 127.0.0.1
PORT ?= 5000
# gunicorn's advice: 2 x CPU cores + 1 processes. They share the rate-limit counters (a SQLite
# file in instance/, or Redis with REDIS_URL); one thread each, for SQLite's write lock.
WORKERS ?= $(shell echo $$((2 * $$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2) + 1)))
SERVE := $(BIN)/gunicorn -c gunicorn.conf.py --preload -b $(HOST):$(PORT) -w $(WORKERS) \
	-k gthread --threads 1 --graceful-timeout 30 wsgi:app

.PHONY: install run serve dev test lint lint-api demo migrate bench clean vendor

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m nlp warm
	touch $(STAMP)

migrate: install
	$(FLASK) db upgrade

demo: migrate
	$(FLASK) demo

# A production server (gunicorn, several processes). Background jobs run in threads of those
# processes; with REDIS_URL they go to Redis, and an RQ worker (`flask worker`) runs beside.
run: demo
	@$(MAKE) --no-print-directory serve

serve:
	@if [ -n "$$REDIS_URL" ]; then \
		$(FLASK) worker & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(SERVE); \
	else \
		exec $(SERVE); \
	fi

# For developers: Flask's own server, reloading the code when it changes.
dev: demo
	$(FLASK) run --reload --host $(HOST) --port $(PORT)

lint: install lint-api
	$(BIN)/ruff check consult nlp tests bench
	$(BIN)/bandit -q -c pyproject.toml -r consult nlp
	$(BIN)/lint-imports --no-cache  # allowed imports between features: docs/architecture.md

# The OpenAPI document against the Logius API Design Rules (.spectral.yml, docs/api.md).
# Needs Node's npm for @stoplight/spectral-cli (pinned in package-lock.json); skipped with a
# message when npm is absent. Warnings fail too.
lint-api: install
	@if ! command -v npm >/dev/null 2>&1; then \
		echo "lint-api SKIPPED: npm not found; install Node.js (with npm) to lint the API"; \
		exit 0; \
	fi; \
	set -e; \
	test -x node_modules/.bin/spectral || npm ci --no-audit --no-fund; \
	mkdir -p build; \
	$(BIN)/python -m consult.api.openapi > build/openapi.json; \
	node_modules/.bin/spectral lint --fail-severity=warn --ruleset .spectral.yml build/openapi.json

test: install lint
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python bench/themes.py
	$(BIN)/python bench/redact.py

# Refresh the NL Design System CSS in consult/static/vendor/ from the versions pinned in
# package-lock.json. Only needed after changing package.json; the result is committed, so
# `make run` needs no Node and nothing is loaded from a CDN.
vendor:
	npm ci
	$(PYTHON) tools/vendor_css.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache node_modules build
