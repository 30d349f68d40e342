# The README's commands. `make run` serves the site; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Dependencies are pinned in pyproject.toml; constraints.txt pins what they pull in.
DEPS = $(BIN)/python -c 'import sys, tomllib; p = tomllib.load(open("pyproject.toml", "rb"))["project"]; print("\n".join(p["dependencies"] + [d for extra in sys.argv[1:] for d in p["optional-dependencies"][extra]]))'

.PHONY: run test lint format install install-test migrate demo bench audit check-pins docker-test backup restore validators demo-pdfs lighthouse clean

# The address `make run` serves: every absolute URL of the site (sitemap, feeds, share links,
# the admin's) gives it. SITE_URL=… make run for another.
run: export SITE_URL ?= http://127.0.0.1:$(PORT)
run: $(VENV)/.installed
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py set_site_url
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
	$(PYTHON) -c 'import sys; assert (3, 11, 2) <= sys.version_info[:3] < (3, 12), "Python 3.11 (3.11.2 ou plus récent) requis"'
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
# fake news items and acts, as a ratio to the demo's, on a throwaway database (DATABASE_URL: a
# PostgreSQL admin URL, else SQLite). BENCH_ARGS="--scale" (that second table alone),
# "--load-test", "--scale --max-ratio 3", ...: see scripts/bench.py --help.
bench: $(VENV)/.installed-test
	$(BIN)/python scripts/bench.py $(BENCH_ARGS)

# Known vulnerabilities in every pinned package (constraints.txt): fails when one has a fix,
# warns when the advisory service cannot be reached (scripts/audit.py).
audit: $(VENV)/.installed-audit
	$(BIN)/python scripts/audit.py

# Lighthouse on nine pages, phone preset, as production serves them (scripts/lighthouse.py):
# fails under 100. LIGHTHOUSE_ARGS="--runs 1 --min-score 90" for a quicker look.
LIGHTHOUSE_VERSION = 12.8.2
lighthouse: $(VENV)/.installed-test .lighthouse/node_modules/.bin/lighthouse
	$(BIN)/python scripts/lighthouse.py $(LIGHTHOUSE_ARGS)

.lighthouse/node_modules/.bin/lighthouse:
	npm install --no-save --no-package-lock --no-audit --no-fund --prefix .lighthouse lighthouse@$(LIGHTHOUSE_VERSION)

# The demo's PDFs as tagged, accessible PDFs (PDF/UA-1), from fixtures/pdf/*.html (WeasyPrint).
demo-pdfs: $(VENV)/.installed-pdf
	$(BIN)/python scripts/make_demo_pdfs.py

$(VENV)/.installed-pdf: $(VENV)/.installed
	$(DEPS) pdf > $(VENV)/requirements-pdf.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -r $(VENV)/requirements-pdf.txt
	touch $@

$(VENV)/.installed-audit: $(VENV)/.installed
	$(DEPS) audit > $(VENV)/requirements-audit.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -r $(VENV)/requirements-audit.txt
	touch $@

# The pinned set resolved for Debian 12's Python 3.11.2, the oldest the site supports, from
# wheels only and without installing anything: a pin needing a newer Python fails here.
check-pins: $(VENV)/.installed
	$(BIN)/python scripts/check_pins.py --python-version 3.11.2

# The production image built on a Debian 12 base made here (no registry needed), run by Docker
# against DATABASE_URL's PostgreSQL, and checked as a server would use it (tests/docker/).
DOCKER_BASE ?= pole-debian12-python:local
docker-test: $(VENV)/.installed-test
	scripts/start_dockerd.sh
	scripts/debian_base_image.sh $(DOCKER_BASE)
	PYTHON_IMAGE=$(DOCKER_BASE) $(BIN)/python -m pytest tests/docker -m docker -p no:xdist $(PYTEST_ARGS)

# The database (pg_dump, custom format) and the media folder, into BACKUP_DIR (./backups);
# `make restore BACKUP=backups/pole-…` puts one back. DATABASE_URL and MEDIA_ROOT say where
# they are; README, "Backup and restore".
backup:
	scripts/backup.sh backup

restore:
	scripts/backup.sh restore $(BACKUP)

# The W3C Nu HTML Checker for tests/validators/ (needs Java and npm): npm's vnu-jar package in
# .validators/, no lock file written.
VNU_VERSION = 26.9.27
VNU_JAR = .validators/node_modules/vnu-jar/build/dist/vnu.jar
validators: $(VNU_JAR)
$(VNU_JAR):
	npm install --no-save --no-package-lock --no-audit --no-fund --prefix .validators vnu-jar@$(VNU_VERSION)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache .validators
