# `make run` and `make test` work on a fresh machine: they create .venv and install the
# project (with its test extras for `make test`) when pyproject.toml is newer than the venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SAMPLE ?= samples/ev_motors_wind.xlsx

.PHONY: run test lint bench samples clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

run: $(VENV)/.installed
	$(BIN)/stockpile-planner $(SAMPLE)

# lint-imports: the boundaries and layers in pyproject.toml; mypy: the typing there (the
# ratchet of modules not yet clean is tests/test_typing.py)
test: lint
	QT_QPA_PLATFORM=offscreen HYPOTHESIS_PROFILE=ci $(BIN)/python -m pytest -n 2 -q

lint: $(VENV)/.installed
	$(BIN)/ruff check planner ui tests benchmarks samples
	$(BIN)/lint-imports
	$(BIN)/mypy

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/engine.py

samples: $(VENV)/.installed
	$(BIN)/python samples/build_samples.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache .import_linter_cache
