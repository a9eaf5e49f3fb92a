"""Settings fail loudly on a bad or missing environment."""

import subprocess
import sys

import pytest


def import_settings(**environment: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "import pressroom.settings"],
        env={"PATH": "/usr/bin:/bin", **environment},
        capture_output=True,
        text=True,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = import_settings(DJANGO_DEBUG="0")

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off." in result.stderr


@pytest.mark.parametrize("value", ["maybe", "2"])
def test_a_debug_flag_that_is_not_true_or_false_is_refused(value):
    result = import_settings(DJANGO_DEBUG=value)

    assert result.returncode != 0
    assert "DJANGO_DEBUG must be true or false" in result.stderr


def test_production_starts_with_a_secret_key():
    result = import_settings(DJANGO_DEBUG="0", DJANGO_SECRET_KEY="x" * 50)

    assert result.returncode == 0, result.stderr
