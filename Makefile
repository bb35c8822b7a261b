# Two commands for a newcomer: `make run` and `make test`. Both build on `make install`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
FLASK := $(BIN)/flask --app wsgi

.PHONY: install run test lint lint-api demo migrate bench clean

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

run: demo
	$(FLASK) run --host 127.0.0.1 --port 5000

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

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache node_modules build
