"""The settings the suite runs with: the development site's, turned on explicitly.

Debug is off by default (pressroom/settings.py); the suite asks for the
development settings that DJANGO_DEBUG=1 derives (a development secret key,
local hosts, no HTTPS redirect). pytest-django still runs each test with
DEBUG itself off, as a production server would answer.
"""

import os

os.environ["DJANGO_DEBUG"] = "1"

from pressroom.settings import *  # noqa: F403

# A test that runs manage.py in another process keeps its files in the test's own folder.
MEDIA_ROOT = os.environ.get("PRESSROOM_TEST_MEDIA_ROOT", MEDIA_ROOT)  # noqa: F405

# Several checkouts testing on one PostgreSQL at once each name their own test database.
if os.environ.get("PRESSROOM_TEST_DATABASE_NAME"):
    DATABASES["default"]["TEST"] = {"NAME": os.environ["PRESSROOM_TEST_DATABASE_NAME"]}  # noqa: F405
