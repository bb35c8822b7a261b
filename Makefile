# Two commands for a newcomer: `make run` and `make test`. Both build on `make install`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
FLASK := $(BIN)/flask --app wsgi

.PHONY: install run test lint demo migrate bench clean vendor

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

lint: install
	$(BIN)/ruff check consult nlp tests bench
	$(BIN)/bandit -q -c pyproject.toml -r consult nlp

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
	rm -rf $(VENV) .pytest_cache .ruff_cache
