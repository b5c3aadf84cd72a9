# Two entry points for a fresh machine with Python 3.11: `make demo` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: install demo test lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# torch is pinned and installed first so that sentence-transformers never pulls a CUDA build
install: $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e '.[dev]'

demo: install
	$(BIN)/corroborate check seeds/000_892844bb6acea099.txt --sources fixtures/sources.toml

test: install
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check corroborate tests && $(BIN)/ruff format --check corroborate tests

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache
