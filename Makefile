# Two commands for a fresh machine: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LANGS := pl ro ur ar bn
VNU_VERSION := 26.9.27
VNU_JAR := .tools/node_modules/vnu-jar/build/dist/vnu.jar
export FLASK_APP := portal

.PHONY: run test test-fast install compile vnu messages migrate demo lint format vendor bench clean

run: install compile migrate demo  ## install, migrate, load demo data and serve on 127.0.0.1:5000
	SHOW_DEV_OUTBOX=1 $(BIN)/flask --app wsgi run --host 127.0.0.1 --port 5000

test: install compile vnu lint  ## install, lint, and run the whole suite (unit, integration, browser, security)
	AXE_COVERAGE=1 $(BIN)/pytest

test-fast: install compile lint  ## lint and every test but the browser ones (PostgreSQL too if TEST_DATABASE_URL is set)
	$(BIN)/pytest --ignore=tests/browser

install: $(STAMP)  ## make .venv and install the portal with its dev tools (again when pyproject.toml changes)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

compile: install  ## build the .mo files from locales/
	$(BIN)/pybabel compile --statistics -d locales 2>&1 | tail -n 6

vnu: $(VNU_JAR)  ## the Nu Html Checker, which the browser tests run over every page they see

$(VNU_JAR): Makefile
	npm install --no-save --no-audit --no-fund --prefix .tools vnu-jar@$(VNU_VERSION)
	touch $(VNU_JAR)

messages: install  ## extract strings to locales/messages.pot and update every catalogue
	$(BIN)/pybabel extract --no-location --sort-output --omit-header --no-wrap -F babel.cfg -k lazy_gettext -k _l -o locales/messages.pot .
	$(BIN)/pybabel update --no-fuzzy-matching --ignore-obsolete --ignore-pot-creation-date --no-wrap -i locales/messages.pot -d locales

migrate: install  ## bring the database up to date
	mkdir -p instance
	$(BIN)/flask db upgrade

demo: install  ## load demo data (safe to run twice)
	$(BIN)/flask demo load

lint: install  ## ruff check, ruff format --check and mypy (changes no file)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: install  ## ruff format and ruff check --fix over the tree
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

vendor:  ## refresh static/vendor from the npm registry (needs node)
	scripts/vendor.sh

bench: install compile  ## measure against a bare Flask app; writes bench/results/
	$(BIN)/python -m bench

clean:  ## remove .venv, instance/ (the demo database), .pytest_cache and .tools
	rm -rf $(VENV) instance .pytest_cache .tools

.PHONY: help
help:  ## list every target and what it does
	@awk '/^[a-z][a-z-]*:/ { name = substr($$0, 1, index($$0, ":") - 1); text = ""; \
		if (match($$0, /## /)) text = substr($$0, RSTART + 3); printf "  %-10s %s\n", name, text }' Makefile
