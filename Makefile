# Two commands for a fresh machine: `make demo` and `make test`.
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
CORPUS := $(firstword $(wildcard ../shared/corpus/rust-and-bone) examples/corpus)

.PHONY: demo test install lint typecheck clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

demo: install
	$(BIN)/critica analyze $(CORPUS) --db sqlite:///critica.db --json critica-report.json

lint: install
	$(BIN)/ruff check src tests

typecheck: install
	$(BIN)/mypy

test: install lint typecheck
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) critica.db critica-report.json
