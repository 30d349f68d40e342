# The README's commands. `make run` serves the site; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Dependencies are pinned in pyproject.toml; constraints.txt pins what they pull in.
DEPS = $(BIN)/python -c 'import sys, tomllib; p = tomllib.load(open("pyproject.toml", "rb"))["project"]; print("\n".join(p["dependencies"] + [d for extra in sys.argv[1:] for d in p["optional-dependencies"][extra]]))'

.PHONY: run test lint format install install-test migrate demo bench audit clean

run: $(VENV)/.installed
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py create_dev_editor
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

$(BIN)/python:
	$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 requis"'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml constraints.txt | $(BIN)/python
	$(DEPS) > $(VENV)/requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -r $(VENV)/requirements.txt
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(DEPS) test > $(VENV)/requirements-test.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -r $(VENV)/requirements-test.txt
	touch $@

# req/s, p50 and p99 (wrk) of a static file and the public pages, with and without the page
# cache, then each page type's uncached response time with the demo and with 2 000 and 10 000
# fake news items, as a ratio to the demo's, on a throwaway database (DATABASE_URL: a
# PostgreSQL admin URL, else SQLite). BENCH_ARGS="--scale" (that second table alone),
# "--load-test", "--scale --max-ratio 3", ...: see scripts/bench.py --help.
bench: $(VENV)/.installed-test
	$(BIN)/python scripts/bench.py $(BENCH_ARGS)

# Known vulnerabilities in every pinned package (constraints.txt): fails when one has a fix,
# warns when the advisory service cannot be reached (scripts/audit.py).
audit: $(VENV)/.installed-audit
	$(BIN)/python scripts/audit.py

$(VENV)/.installed-audit: $(VENV)/.installed
	$(DEPS) audit > $(VENV)/requirements-audit.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -r $(VENV)/requirements-audit.txt
	touch $@

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
