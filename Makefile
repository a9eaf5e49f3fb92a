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

.PHONY: install run serve test test-sqlite test-postgres test-clock lint format messages superuser \
	clean bench bench-search screenshots

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
# DJANGO_ALLOWED_HOSTS must be given (see docs/operations.md).
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

# The suite (browser tests aside) with the machine's clock set by libfaketime to three Hong Kong
# times of New Year's Day (00:30 and 07:59 are still 31 December in UTC), in two time zones.
CLOCK_DAY ?= 2027-01-01
CLOCK_TIMES ?= 00:30 07:59 23:59
CLOCK_ZONES ?= UTC America/Los_Angeles
test-clock: install
	@command -v faketime >/dev/null || { echo "test-clock needs faketime: apt-get install faketime"; exit 1; }
	@for zone in $(CLOCK_ZONES); do for hk in $(CLOCK_TIMES); do \
	  at=$$(TZ=$$zone date -d 'TZ="Asia/Hong_Kong" $(CLOCK_DAY) '$$hk '+%Y-%m-%d %H:%M:%S'); \
	  echo "== $(CLOCK_DAY) $$hk in Hong Kong, TZ=$$zone (the machine's clock: $$at)"; \
	  TZ=$$zone $(TEST_SERVICES) faketime -f "@$$at" $(BIN)/pytest -q --ignore=tests/e2e || exit 1; \
	done; done

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: install
	$(BIN)/python manage.py makemessages --locale zh_Hant --no-obsolete --no-location --ignore "$(VENV)/*"
	$(BIN)/python manage.py simplify_messages
	$(BIN)/python manage.py compilemessages --locale zh_Hant --locale zh_Hans --ignore "$(VENV)/*"

bench-search: install
	$(BIN)/python bench/search_latency.py

# Not part of `make test`: builds 100,000 releases and loads a local server (bench/run.py).
bench: install
	$(BIN)/python bench/run.py

# The documentation's pictures (docs/images/), taken of the demo site by Debian's Chromium.
screenshots: install
	$(BIN)/python docs/screenshots.py

superuser: install
	$(BIN)/python manage.py createsuperuser

clean:
	rm -rf $(VENV) staticfiles bench/.work
