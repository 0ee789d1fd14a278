# One command to run the app, one to test it. Needs only Python 3.11 on the machine.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SAMPLE := claims/fixtures/tribunnews-hamas-rusia.txt

.PHONY: install run test lint worker beat bench messages

install: $(VENV)/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py ingest $(SAMPLE) --lang id --published 2025-02-04
	$(BIN)/python manage.py create_admin
	@echo "Serving on http://127.0.0.1:8000/admin/ (Ctrl-C stops)"
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache --no-logo
	$(BIN)/python manage.py makemigrations --check --dry-run

worker: install
	$(BIN)/celery -A factcheck worker --loglevel INFO

beat: install
	$(BIN)/celery -A factcheck beat --loglevel INFO

bench: install
	$(BIN)/python bench/eval_claims.py

# The interface's Indonesian: collect the texts to translate into locale/id/LC_MESSAGES/django.po,
# then, once translated, compile django.mo (both are committed).
MAKEMESSAGES_IGNORE := --ignore=.venv --ignore=staticfiles --ignore=tests --ignore=bench --ignore=var

messages: install
	$(BIN)/python manage.py makemessages -l id --no-obsolete --add-location=file $(MAKEMESSAGES_IGNORE)
	$(BIN)/python manage.py compilemessages -l id
