# Kagoshima Nihongo — `make help` lists the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
# This machine's pip configuration names local indexes that may be absent; pip says so once per package.
QUIET_PIP := { grep -v "^WARNING: Location '.*' is ignored" || true; }
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LOCKS := requirements/base.txt requirements/test.txt

.PHONY: help install demo test test-fast lint lock bank screenshot clean dist check-xblock-wheel browser-deps dev sbom serve audit audio readings

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(STAMP): $(LOCKS) setup.cfg
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found %s)" % sys.version.split()[0])'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip 2>&1 | $(QUIET_PIP)
	$(BIN)/python -m pip install --quiet -r requirements/base.txt -r requirements/test.txt 2>&1 | $(QUIET_PIP)
	$(BIN)/python -m pip install --quiet --no-deps -e . 2>&1 | $(QUIET_PIP)
	# Open edX's own LTI 1.3 consumer drives the tool in tests/lti_tool/test_openedx_consumer.py; only its
	# lti_1p3 code is used (its XBlock needs edx-platform), so it is unpacked beside site-packages, without
	# its dependencies and without registering its XBlock (the workbench would try to load it).
	$(BIN)/python -m pip install --quiet --no-deps --upgrade --target $(VENV)/opt/lti-consumer-xblock \
		lti-consumer-xblock==11.4.4 2>&1 | $(QUIET_PIP)
	touch $(STAMP)

install: $(STAMP) ## create .venv and install the locked dependencies and this project

demo: $(STAMP) ## migrate an SQLite database, seed demo data, serve portal + demo LMS + workbench (Ctrl-C stops)
	$(BIN)/nihongo demo

browser-deps: ## check (as root: install) what the browser tests need: Debian's chromium and fonts
	@missing=(); command -v chromium >/dev/null || missing+=(chromium); \
	for p in fonts-noto-cjk fonts-noto-core; do dpkg -s $$p >/dev/null 2>&1 || missing+=($$p); done; \
	if (( $${#missing[@]} )); then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing $${missing[*]} for the browser tests"; \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$${missing[@]}" >/dev/null \
	      || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$${missing[@]}" >/dev/null; }; \
	  else echo "The browser tests need Debian packages: sudo apt-get install $${missing[*]} (or: make test-fast)"; exit 1; fi; \
	fi

serve: $(STAMP) ## production: collect static files, check the settings, run gunicorn (docs/deployers.md)
	$(BIN)/nihongo serve

audit: $(STAMP) ## known vulnerabilities in the locks (pip-audit; needs the internet) and bandit over our code
	$(BIN)/python -m pip install --quiet -r requirements/dev.txt
	$(BIN)/pip-audit --strict -r requirements/base.txt -r requirements/test.txt
	$(BIN)/bandit -q -ll -c bandit.yaml -r curriculum xblocks lti_tool programme sync_service reports portal course_exports

test: $(STAMP) browser-deps ## run the whole suite (set DATABASE_URL to run it on PostgreSQL)
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

dist: $(STAMP) ## build the two wheels into dist/: the XBlocks (core + blocks + bank) and the service
	$(BIN)/python packaging/build.py

check-xblock-wheel: dist ## install the XBlocks wheel alone for Open edX Ulmo and Verawood and load the five blocks
	$(BIN)/python packaging/check_xblock_wheel.py ulmo verawood 2>&1 | $(QUIET_PIP)

dev: $(STAMP) ## also install the developers' and operators' tools (requirements/dev.txt: tox, uv, cyclonedx)
	$(BIN)/python -m pip install --quiet -r requirements/dev.txt 2>&1 | $(QUIET_PIP)

sbom: dev ## dist/sbom.cdx.json: a CycloneDX SBOM of the locked run-time dependencies (O4), for audits
	@mkdir -p dist
	$(BIN)/cyclonedx-py requirements requirements/base.txt --output-reproducible --of JSON -o dist/sbom.cdx.json
	@$(BIN)/python -c "import json; d = json.load(open('dist/sbom.cdx.json')); \
	print('dist/sbom.cdx.json: CycloneDX', d['specVersion'], len(d['components']), 'components')"

audio: $(STAMP) ## synthesize the listening and dialect audio that changed (needs Open JTalk: see .ci/run)
	$(BIN)/nihongo content build-audio

readings: $(STAMP) ## what Open JTalk misreads in the listening scripts and dialect lines, with the fix (a few minutes)
	$(BIN)/nihongo content check-readings

screenshot: $(STAMP) ## refresh docs/img/drill-phone.png (the README's picture)
	NIHONGO_SCREENSHOT=1 $(BIN)/python -m pytest -q -m browser tests/xblocks

clean: ## remove the virtualenv, the demo databases and built wheels
	rm -rf $(VENV) var dist build
