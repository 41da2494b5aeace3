# mappa-guide: `make build` builds the site; `make test` runs every test.
# Both create the virtual environment in .venv and install the project when needed.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

export NO_MKDOCS_2_WARNING := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: build test check serve schema clean system-packages

build: $(INSTALLED)
	$(BIN)/mappa build

test: $(INSTALLED) system-packages
	$(BIN)/python -m pytest

system-packages:
	./scripts/install-system-packages

check: $(INSTALLED)
	$(BIN)/mappa check

serve: $(INSTALLED)
	$(BIN)/mappa serve

schema: $(INSTALLED)
	$(BIN)/mappa schema

$(INSTALLED): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "mappa-guide needs Python 3.11 or newer")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(INSTALLED)

clean:
	rm -rf site .cache $(VENV)
