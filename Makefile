# Every target installs what it needs first, so each is safe to run on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 3
# The second test pass and the Redis tests use these; CI's services listen here.
TEST_POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/test
TEST_REDIS_URL ?= redis://127.0.0.1:6379/0
TEST_SERVICES := PRESSROOM_TEST_POSTGRES_URL=$(TEST_POSTGRES_URL) PRESSROOM_TEST_REDIS_URL=$(TEST_REDIS_URL)

.PHONY: install run serve test test-sqlite test-postgres lint format messages superuser clean bench bench-search

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet ".[dev]"
	touch $@

install: $(INSTALLED)

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# A production-like site: DJANGO_DEBUG=0 unless set, so DJANGO_SECRET_KEY and
# DJANGO_ALLOWED_HOSTS must be given (see the README).
serve: export DJANGO_DEBUG ?= 0
serve: install
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/gunicorn pressroom.wsgi --bind $(HOST):$(PORT) --workers $(WORKERS) --access-logfile -

# The whole suite twice: on SQLite, then on PostgreSQL.
test: install lint test-sqlite test-postgres

test-sqlite: install
	$(TEST_SERVICES) $(BIN)/pytest

test-postgres: install
	$(TEST_SERVICES) DATABASE_URL=$(TEST_POSTGRES_URL) $(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: install
	$(BIN)/python manage.py makemessages --locale zh_Hant --no-obsolete --ignore "$(VENV)/*"
	$(BIN)/python manage.py simplify_messages
	$(BIN)/python manage.py compilemessages --locale zh_Hant --locale zh_Hans --ignore "$(VENV)/*"

bench-search: install
	$(BIN)/python bench/search_latency.py

# Not part of `make test`: builds 100,000 releases and loads a local server (bench/run.py);
# DB=postgres builds throwaway databases on the local PostgreSQL instead of SQLite files.
DB ?= sqlite
bench: install
	$(BIN)/python bench/run.py --db $(DB)

superuser: install
	$(BIN)/python manage.py createsuperuser

clean:
	rm -rf $(VENV) staticfiles bench/.work
