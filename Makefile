# Set-up and daily use. `make run` and `make test` create .venv and install on first use.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
DATE   ?= $(shell date -u +%F)

.PHONY: install run test demo bench lint clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	# CPU build of torch first: an unpinned torch would pull a several-GB CUDA build.
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet -e '.[dev,airflow]'
	rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP)

run: install                ## the daily job on the default config -> data/newsmon.duckdb
	$(VENV)/bin/newsmon run --date $(DATE)

test: install               ## the whole test suite (offline)
	$(PY) -m pytest

demo: install               ## the daily job against the offline fixture news web -> data/demo/
	$(PY) bench/demo.py

bench: install              ## benchmark figures quoted in the README
	$(PY) bench/extraction.py
	$(PY) bench/dedupe_throughput.py
	$(VENV)/bin/newsmon eval-dedupe tests/data/dedupe

clean:
	rm -rf $(VENV) .pytest_cache
