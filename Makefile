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
# The suite runs in pytest-xdist workers, one per core and at most four: each builds its own
# test database (test_test_gw0, ...), takes its own Redis database (see conftest.py) and
# starts its own Chromium. A file's tests all run on one worker (--dist loadfile), so what a
# module builds once (`make serve` in the checkout, the S3 server, the query-count corpus) is
# built once per pass. TEST_WORKERS=0 runs the suite in this one process.
TEST_WORKERS ?= auto
PYTEST := $(BIN)/pytest --numprocesses $(TEST_WORKERS) --maxprocesses 4 --dist loadfile
# Every app's tests, the browser tests (e2e/) aside.
APP_TESTS := pressroom releases pagecache search website alerts api review media desk

.PHONY: install run serve worker test test-sqlite test-postgres test-clock lint format messages \
	superuser clean bench bench-search bench-alerts bench-preflight bench-publish screenshots \
	fuzz soak

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet ".[dev]"
	touch $@

install: $(INSTALLED)

# Debug is off unless asked for: these development targets ask for it.
run messages superuser bench-search: export DJANGO_DEBUG ?= 1

# The site and its background worker (email alerts) together; Ctrl-C stops both.
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	@$(BIN)/python manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# A production-like site: debug off (the default), so DJANGO_SECRET_KEY,
# DJANGO_ALLOWED_HOSTS and DJANGO_DEFAULT_FROM_EMAIL must be given (see docs/operations.md). It serves pages only: run
# `make worker` beside it (one or more, on any machine sharing the database) to send
# email alerts.
serve: install
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/gunicorn pressroom.wsgi --bind $(HOST):$(PORT) --workers $(WORKERS) --access-logfile -

# The background worker for production: sends email alerts, queued in the database.
worker: export DJANGO_DEBUG ?= 0
worker: install
	$(BIN)/python manage.py db_worker --no-reload

# The whole suite twice: on SQLite, then on PostgreSQL.
test: install lint test-sqlite test-postgres

test-sqlite: install
	$(TEST_SERVICES) $(PYTEST)

test-postgres: install
	$(TEST_SERVICES) DATABASE_URL=$(TEST_POSTGRES_URL) $(PYTEST)

# The suite (browser tests aside) with the machine's clock set by libfaketime to three Hong Kong
# times of New Year's Day (00:30 and 07:59 are still 31 December in UTC) with TZ=UTC, and once
# more at 07:59 with the machine in Los Angeles.
CLOCK_DAY ?= 2027-01-01
CLOCK_RUNS ?= UTC@00:30 UTC@07:59 UTC@23:59 America/Los_Angeles@07:59
test-clock: install
	@command -v faketime >/dev/null || { echo "test-clock needs faketime: apt-get install faketime"; exit 1; }
	@for run in $(CLOCK_RUNS); do zone=$${run%@*}; hk=$${run#*@}; \
	  at=$$(TZ=$$zone date -d 'TZ="Asia/Hong_Kong" $(CLOCK_DAY) '$$hk '+%Y-%m-%d %H:%M:%S'); \
	  echo "== $(CLOCK_DAY) $$hk in Hong Kong, TZ=$$zone (the machine's clock: $$at)"; \
	  TZ=$$zone $(TEST_SERVICES) faketime -f "@$$at" $(PYTEST) -q $(APP_TESTS) || exit 1; \
	done

# Ruff, then the layers: each app imports only those below it (pyproject.toml, importlinter).
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: install
	$(BIN)/python manage.py makemessages --locale zh_Hant --no-obsolete --no-location --ignore "$(VENV)/*"
	$(BIN)/python manage.py simplify_messages
	$(BIN)/python manage.py compilemessages --locale zh_Hant --locale zh_Hans --ignore "$(VENV)/*"

bench-search: install
	$(BIN)/python bench/search_latency.py

# Not part of `make test`: the two languages' check over bench/preflight/corpus.json (planted
# disagreements held, consistent pairs held by mistake) and its time for a 2,000-word release.
bench-preflight: install
	$(BIN)/python bench/preflight.py

# Not part of `make test`: builds 100,000 releases and loads a local server (bench/run.py);
# DB=postgres builds throwaway databases on the local PostgreSQL instead of SQLite files.
DB ?= sqlite
bench: install
	$(BIN)/python bench/run.py --db $(DB)

# Not part of `make test`: 100,000 subscribers, one release, db_worker to a local SMTP sink.
bench-alerts: install
	$(BIN)/python bench/alerts.py

# Not part of `make test`: 10,000 generated hostile requests at a production-like server
# (bench/fuzz.py); fails when any got a 5xx.
fuzz: install
	$(BIN)/python bench/fuzz.py

# Not part of `make test`: about 2 minutes, as root. The production set-up under 32 connections
# over the pages readers hit when a release goes out, publishing one a second in, against steady
# runs (bench/publish.py).
bench-publish: install
	$(BIN)/python bench/publish.py

# Not part of `make test`: about 3 minutes, as root. The production set-up under 64 connections
# while its own PostgreSQL and Redis fail under it (bench/soak.py).
soak: install
	$(BIN)/python bench/soak.py

# The documentation's pictures (docs/images/), taken of the demo site by Debian's Chromium;
# with Debian's zopfli installed, each is recompressed without loss to keep them small.
screenshots: install
	$(BIN)/python docs/screenshots.py
	$(BIN)/python docs/email_screenshots.py
	$(BIN)/python docs/screenshots_desk.py
	$(BIN)/python docs/screenshots_webhooks.py

superuser: install
	$(BIN)/python manage.py createsuperuser

clean:
	rm -rf $(VENV) staticfiles bench/.work
