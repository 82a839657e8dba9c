# Two commands set everything up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# `make test` runs with DEBUG off, as production does, with a throwaway key.
TEST_SECRET_KEY := test-only-secret-key-not-for-production-0123456789abcdefghij

.PHONY: run test lint typecheck requirements migrate demo worker beat clean

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

run: $(VENV)/.installed
	mkdir -p var staticfiles
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: $(VENV)/.installed-dev
	mkdir -p var staticfiles
	SECRET_KEY=$${SECRET_KEY:-$(TEST_SECRET_KEY)} $(PY) -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .

# mypy with the django-stubs plugin ([tool.mypy] in pyproject.toml); the plugin
# loads the settings, which need a SECRET_KEY.
typecheck: $(VENV)/.installed-dev
	SECRET_KEY=$${SECRET_KEY:-$(TEST_SECRET_KEY)} $(VENV)/bin/mypy

# Re-pin requirements*.txt after editing requirements*.in (README: "Upgrading
# dependencies"); existing pins are kept unless an upgrade is asked for.
requirements: $(VENV)/.installed-dev
	$(VENV)/bin/pip-compile --quiet requirements.in
	$(VENV)/bin/pip-compile --quiet requirements-dev.in

worker: $(VENV)/.installed
	$(VENV)/bin/celery -A config worker --loglevel=info

beat: $(VENV)/.installed
	$(VENV)/bin/celery -A config beat --loglevel=info

clean:
	rm -rf $(VENV) var
