# `make run` and `make test` work on a fresh machine: they create .venv and install the
# project (with its test extras for `make test`) when pyproject.toml is newer than the venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# On a Japanese desktop (the first of LANGUAGE, LC_ALL, LC_MESSAGES and LANG that is set, as
# gettext reads them, starts with "ja"), `make run` opens the Japanese sample.
DESKTOP_LANGUAGE := $(firstword $(subst :, ,$(LANGUAGE)) $(LC_ALL) $(LC_MESSAGES) $(LANG))
SAMPLE ?= samples/$(if $(filter ja%,$(DESKTOP_LANGUAGE)),motors_actuators_ja,ev_motors_wind).xlsx

.PHONY: run test lint bench samples translations clean

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
	$(BIN)/python samples/build_erp_exports.py

# the catalogues: the engine's strings (gettext, through Babel) and the window's (Qt's
# lupdate and lrelease); translate the new entries in the .po and .ts files, then run it again
LOCALE := resources/locale
translations: $(VENV)/.installed
	$(BIN)/pybabel extract --no-location --no-wrap --sort-output \
	    --project="Stockpile Planner" --copyright-holder="Stockpile Planner contributors" \
	    -o $(LOCALE)/planner.pot planner
	$(BIN)/pybabel update --no-wrap --no-fuzzy-matching --ignore-obsolete \
	    -i $(LOCALE)/planner.pot -d $(LOCALE) -D planner
	$(BIN)/pybabel compile --statistics -d $(LOCALE) -D planner
	$(BIN)/pyside6-lupdate -silent -extensions py -locations none -no-obsolete ui \
	    -ts resources/translations/stockpile_planner_ja.ts
	$(BIN)/pyside6-lrelease -silent resources/translations/stockpile_planner_ja.ts \
	    -qm resources/translations/stockpile_planner_ja.qm
	# English needs only the plural forms of "%n …" sentences (Qt's way for the source language)
	$(BIN)/pyside6-lupdate -silent -extensions py -locations none -no-obsolete -pluralonly ui \
	    -ts resources/translations/stockpile_planner_en.ts
	$(BIN)/pyside6-lrelease -silent resources/translations/stockpile_planner_en.ts \
	    -qm resources/translations/stockpile_planner_en.qm

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache .import_linter_cache
