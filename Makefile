# The few commands a person types. Everything else is `python -m generator --help`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

# The web form (Decap CMS's bundle) and its local backend come from npm, pinned by package.json and
# package-lock.json (tools/node-deps.sh).
NODE_STAMP := node_modules/.installed-$(shell cat package.json package-lock.json | cksum | cut -d" " -f1)
PORT ?= 8000

.PHONY: site test serve edit check bench golden schemas cms lint clean help

help:
	@echo "make site    check the records, then build the website and handouts into site/"
	@echo "make test    run every test (browser tests included); installs what it needs"
	@echo "make serve   preview at http://127.0.0.1:8000/ with live reload (another port: make serve PORT=8001)"
	@echo "make edit    the web form for records at http://127.0.0.1:8000/admin/, with the preview and the check"
	@echo "make check   check the records only"
	@echo "make bench   measure build speed on 100, 1,000 and 5,000 synthetic records (options: BENCH_ARGS=\"--help\")"
	@echo "make golden  refresh the golden test output after an intended change"

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@rm -f $(VENV)/.installed-*
	@touch $@

$(NODE_STAMP): package.json package-lock.json
	@tools/system-deps.sh node
	tools/node-deps.sh
	@rm -f node_modules/.installed-*
	@touch $@

site: $(STAMP)
	@tools/system-deps.sh site
	$(BIN)/python -m generator build

check: $(STAMP)
	$(BIN)/python -m generator check

serve: $(STAMP)
	@tools/system-deps.sh site
	$(BIN)/python -m generator serve --port $(PORT)

edit: $(STAMP) $(NODE_STAMP)
	@tools/system-deps.sh site
	$(BIN)/python -m generator edit --port $(PORT)

# pytest-xdist workers; each test file runs on one of them (tests/conftest.py). TEST_WORKERS=0: one process.
TEST_WORKERS ?= 2
test: $(STAMP) $(NODE_STAMP)
	@tools/system-deps.sh test
	$(BIN)/python -m ruff check generator tests
	$(BIN)/python -m generator schemas --check
	$(BIN)/python -m generator cms --check
	$(BIN)/python -m pytest -n $(TEST_WORKERS)

BENCH_ARGS ?=
bench: $(STAMP)
	@tools/system-deps.sh site
	$(BIN)/python -m generator.tools.bench $(BENCH_ARGS)

golden: $(STAMP)
	$(BIN)/python -m pytest tests/test_golden.py tests/test_golden_html.py --update-golden

schemas: $(STAMP)
	$(BIN)/python -m generator schemas

cms: $(STAMP)
	$(BIN)/python -m generator cms

clean:
	rm -rf site build .pytest_cache
