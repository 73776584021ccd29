# Two commands on a fresh machine with Python >= 3.11:
#   make run    start the bot (reads .env)
#   make test   lint, type-check and run the whole test suite
# Each creates .venv by itself on first use.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint bench clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python >= 3.11 is required")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

run: $(STAMP)
	$(PY) -m bot run

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m mypy
	$(VENV)/bin/lint-imports

# The suite starts the CLI in subprocesses; where PYTHONDONTWRITEBYTECODE is set, each would
# compile the whole package again, so compiled files are kept for the test run.
test: lint
	env -u PYTHONDONTWRITEBYTECODE $(PY) -m pytest

bench: $(STAMP)
	$(PY) -m bench

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
