# SIRC: `make run` (demo server) and `make test` (whole suite). See README.md.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.instalado
# Exact versions with hashes (`make lock` regenerates them from pyproject.toml): every install gets what CI tested.
LOCK := requirements/lock.txt
HOST ?= 127.0.0.1
PORT ?= 8000
# Development commands run with DEBUG on unless the environment says otherwise.
# Links in notices, PDFs and credentials point at the server `make run` starts (PORT=8100 make run → :8100).
DEV := DEBUG=$${DEBUG:-true} SITE_URL=$${SITE_URL:-http://$(HOST):$(PORT)}

.PHONY: run test lint format install lock migrate demo bench clean

$(STAMP): pyproject.toml $(LOCK)
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "SIRC necesita Python 3.11 o posterior")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes -r $(LOCK)
	$(PY) -m pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

# After changing dependencies in pyproject.toml: pins stay where they are unless pyproject asks otherwise
# (`make lock UV_ARGS=--upgrade` moves everything to the newest allowed versions). The production lock
# (Dockerfile) is constrained by the development one, so both carry the same versions.
lock: install
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --universal --generate-hashes --quiet --custom-compile-command "make lock" $(UV_ARGS) -o $(LOCK)
	$(VENV)/bin/uv pip compile pyproject.toml --universal --generate-hashes --quiet --custom-compile-command "make lock" -c $(LOCK) -o requirements/produccion.txt
	$(PY) -m pip install --quiet --require-hashes -r $(LOCK)
	touch $(STAMP)

migrate: install
	mkdir -p var
	$(DEV) $(PY) manage.py migrate --noinput

demo: migrate
	$(DEV) $(PY) manage.py cargar_demo

run: demo
	@echo ""
	@echo "SIRC en http://$(HOST):$(PORT)/  (Ctrl+C para detener)"
	@# The periodic jobs (CELERY_BEAT_SCHEDULE) run next to the server and stop with it.
	$(DEV) $(PY) manage.py programador & programador=$$!; \
	trap 'kill $$programador 2>/dev/null' EXIT INT TERM; \
	$(DEV) $(PY) manage.py runserver $(HOST):$(PORT)

test: install
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: install
	@for b in bench/[!_]*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache .ruff_cache
