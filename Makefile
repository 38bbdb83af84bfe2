# Kagoshima Nihongo — `make help` lists the targets.
.DEFAULT_GOAL := help
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LOCKS := requirements/base.txt requirements/test.txt

.PHONY: help install demo test test-fast lint lock bank screenshot clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(STAMP): $(LOCKS) setup.cfg
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found %s)" % sys.version.split()[0])'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements/base.txt -r requirements/test.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP) ## create .venv and install the locked dependencies and this project

demo: $(STAMP) ## migrate an SQLite database, seed demo data, serve portal + demo LMS + workbench (Ctrl-C stops)
	$(BIN)/nihongo demo

test: $(STAMP) ## run the whole suite (set DATABASE_URL to run it on PostgreSQL)
	$(BIN)/python -m pytest

test-fast: $(STAMP) ## the suite without the browser tests
	$(BIN)/python -m pytest -m "not browser"

lint: $(STAMP) ## ruff and the house's import contracts (.importlinter)
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache

lock: ## re-resolve requirements/*.txt from setup.cfg and requirements/*.in (needs uv)
	uv pip compile -q --no-emit-find-links --no-emit-index-url --python-version 3.11 --extra service \
		-c requirements/constraints.txt -o requirements/base.txt setup.cfg
	uv pip compile -q --no-emit-find-links --python-version 3.11 -o requirements/test.txt requirements/test.in
	uv pip compile -q --no-emit-find-links --python-version 3.11 -o requirements/dev.txt requirements/dev.in

bank: $(STAMP) ## rebuild the item bank in curriculum/content from the open datasets
	$(BIN)/nihongo bank build

screenshot: $(STAMP) ## refresh docs/img/drill-phone.png (the README's picture)
	NIHONGO_SCREENSHOT=1 $(BIN)/python -m pytest -q -m browser tests/xblocks

clean: ## remove the virtualenv and the demo databases
	rm -rf $(VENV) var
