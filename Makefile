# mappa-guide: `make build` builds the site; `make test` runs every test.
# Both create the virtual environment in .venv and install the project when needed.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

export NO_MKDOCS_2_WARNING := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: build test bench check serve schema leaflet clean

build: $(INSTALLED)
	./scripts/install-system-packages
	$(BIN)/mappa build

test: $(INSTALLED)
	./scripts/install-system-packages --with-test-tools
	$(MAKE) --no-print-directory node_modules/.installed
	$(BIN)/python -m pytest

# axe-core and the Nu Html Checker, pinned in package-lock.json.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

bench: $(INSTALLED)
	./scripts/install-system-packages
	$(BIN)/python bench/run.py

check: $(INSTALLED)
	$(BIN)/mappa check

serve: $(INSTALLED)
	$(BIN)/mappa serve

schema: $(INSTALLED)
	$(BIN)/mappa schema

leaflet: $(INSTALLED)
	$(BIN)/mappa leaflet --out site/leaflet.pdf

$(INSTALLED): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "mappa-guide needs Python 3.11 or newer")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(INSTALLED)

clean:
	rm -rf site .cache test-output $(VENV)
