# mappa-guide: `make build` builds the site; `make test` runs every test.
# Both create the virtual environment in .venv and install the project when needed, from
# requirements.lock: every package pinned with its hashes. `make lock` refreshes the lock.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
LOCK := requirements.lock

# `make lock` compiles $(LOCK) with uv, pinned here (it is not in the lock it writes), for
# this Python and platform whatever machine runs it. 3.11.5 is the oldest Python 3.11 that
# the locked versions accept (pymdown-extensions and soupsieve require it).
UV_VERSION := 0.13.9
LOCK_PYTHON := 3.11.5
LOCK_PLATFORM := x86_64-unknown-linux-gnu
# More options for uv pip compile, such as `make lock LOCK_ARGS=--upgrade` to take the newest
# versions pyproject.toml allows (by default the lock keeps its pins while they still fit).
LOCK_ARGS ?=

export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: build test bench check serve schema leaflet catalogue clean lock compiled lint types

build: $(INSTALLED) compiled
	./scripts/install-system-packages
	$(BIN)/mappa build

# The npm tools' install, the linter and the type checker run side by side (each one's
# output kept together), then the tests.
test: $(INSTALLED) compiled
	./scripts/install-system-packages --with-test-tools
	$(MAKE) --no-print-directory --jobs=3 --output-sync=target node_modules/.installed lint types
	$(BIN)/python -m pytest

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types: $(INSTALLED)
	$(BIN)/mypy

# axe-core, the Nu Html Checker and Lighthouse, pinned in package-lock.json.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

bench: $(INSTALLED) compiled
	./scripts/install-system-packages --with-test-tools
	$(MAKE) --no-print-directory node_modules/.installed
	$(BIN)/python bench/run.py

# The generator's modules compiled to bytecode, as pip compiles an installed package's: the
# project is installed in place (editable), and where Python is told to write no bytecode
# (PYTHONDONTWRITEBYTECODE, as on this project's CI machines) every command would compile
# them again as it starts. Only modules changed since are compiled again.
compiled: $(INSTALLED)
	$(BIN)/python -m compileall -q generator

check: $(INSTALLED)
	$(BIN)/mappa check

serve: $(INSTALLED)
	$(BIN)/mappa serve

schema: $(INSTALLED)
	$(BIN)/mappa schema

leaflet: $(INSTALLED)
	$(BIN)/mappa leaflet --out site/leaflet.pdf

# Brings translations/*/LC_MESSAGES/messages.po up to date with the interface's messages
# (new ones added untranslated, old ones dropped), for translators' tools (EDITING.md).
catalogue: $(INSTALLED)
	$(BIN)/python -m generator.load.catalogue

# Creates $(VENV) when it is missing.
define make-venv
@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11, 5) else "mappa-guide needs Python 3.11.5 or newer")'
test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
endef

# Installs exactly what the lock pins (pip and setuptools included), then the project itself
# with no dependencies and no build isolation, so nothing unpinned is fetched. pip check
# fails when the lock no longer satisfies pyproject.toml: run `make lock`.
$(INSTALLED): pyproject.toml $(LOCK)
	$(make-venv)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/python -m pip check
	touch $(INSTALLED)

# Compiles $(LOCK) from pyproject.toml: the dependencies, the test extra, the build backend
# from [build-system] and pip, each pinned with its hashes.
lock:
	$(make-venv)
	$(BIN)/python -m pip install --quiet uv==$(UV_VERSION)
	{ $(BIN)/python -c 'import tomllib; print(*tomllib.load(open("pyproject.toml", "rb"))["build-system"]["requires"], sep="\n")'; echo pip; } \
	  | $(BIN)/uv pip compile --quiet pyproject.toml - --extra test \
	      --python-version $(LOCK_PYTHON) --python-platform $(LOCK_PLATFORM) \
	      --generate-hashes --custom-compile-command 'make lock' --output-file $(LOCK) $(LOCK_ARGS)

clean:
	rm -rf site .cache test-output $(VENV)
