# Set-up and daily use. `make run` and `make test` create .venv and install on first use.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
DATE   ?= $(shell date -u +%F)
# Where pip finds the CPU build of torch. Empty: pip's own configuration (on machines whose pip
# is set up with a local CPU wheel, as here). On a machine with only the standard index, set
# TORCH_INDEX to PyTorch's CPU wheel index (the URL in PyTorch's install instructions, "CPU"
# platform) — otherwise pip pulls a several-GB CUDA build.
TORCH_INDEX ?=
TORCH_PIP_ARGS := $(if $(TORCH_INDEX),--index-url $(TORCH_INDEX),)

.PHONY: install browser run test demo bench lint clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	# CPU build of torch first: an unpinned torch would pull a several-GB CUDA build.
	$(PY) -m pip install --quiet $(TORCH_PIP_ARGS) torch==2.13.0
	$(PY) -m pip install --quiet -e '.[dev,airflow]'
	rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP)

run: install                ## the daily job on the default config -> data/newsmon.duckdb
	$(VENV)/bin/newsmon run --date $(DATE)

browser:                    ## Debian's chromium for the headless-browser test (installed with apt-get when root)
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && apt-get update -qq \
	  && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } \
	  || echo "chromium is missing and could not be installed: tests/test_browser.py will fail"

test: install browser       ## the whole test suite (offline)
	$(PY) -m pytest

demo: install               ## the daily job against the offline fixture news web -> data/demo/
	$(PY) bench/demo.py

bench: install              ## benchmark figures quoted in the README
	$(PY) bench/extraction.py
	$(PY) bench/extraction_real.py
	$(PY) bench/relevance.py
	$(PY) bench/dedupe_throughput.py
	$(VENV)/bin/newsmon eval-dedupe tests/data/dedupe

clean:
	rm -rf $(VENV) .pytest_cache
