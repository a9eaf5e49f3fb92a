"""Settings come from the environment alone, and fail loudly on a bad or missing value."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SENDER = "Customs and Excise Department <press-alerts@example.org>"
SECRET = "7sq-vR2e-kX9pLm4zT8wYb6nHc3Jf5Gd1Ua0QioVrKsEw2Nx8Lt"
# What an operator sets: debug is off without being asked.
PRODUCTION = {
    "DJANGO_SECRET_KEY": SECRET,
    "DJANGO_ALLOWED_HOSTS": "press.example.org",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://press.example.org",
    # The HTTPS proxy in front, which appends the client's address to X-Forwarded-For.
    "DJANGO_TRUSTED_PROXY_COUNT": "1",
    "DJANGO_DEFAULT_FROM_EMAIL": SENDER,
}


def run_python(code: str, **environment: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code],
        env={"PATH": "/usr/bin:/bin", **environment},
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


def import_settings(**environment: str) -> subprocess.CompletedProcess:
    return run_python("import pressroom.settings", **environment)


def settings_under(**environment: str) -> dict:
    """Return the settings that an environment gives, as JSON-friendly values."""
    result = run_python(
        "import django, json, pressroom.settings as s; django.setup(); "
        "print(json.dumps({k: getattr(s, k) for k in dir(s) if k.isupper()}, default=str))",
        **environment,
        DJANGO_SETTINGS_MODULE="pressroom.settings",
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_debug_is_off_unless_asked_for_so_no_environment_refuses_to_start():
    result = import_settings()

    assert result.returncode != 0
    assert (
        "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off. "
        "For a development site, set DJANGO_DEBUG=1."
    ) in result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = import_settings(DJANGO_DEBUG="0")

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off." in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = import_settings(DJANGO_DEBUG="0", DJANGO_SECRET_KEY=SECRET)

    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS must be set when DJANGO_DEBUG is off." in result.stderr


def test_production_refuses_to_start_without_the_department_s_sender_address():
    result = import_settings(
        DJANGO_DEBUG="0", DJANGO_SECRET_KEY=SECRET, DJANGO_ALLOWED_HOSTS="press.example.org"
    )

    assert result.returncode != 0
    assert "DJANGO_DEFAULT_FROM_EMAIL must be set when DJANGO_DEBUG is off" in result.stderr
    assert settings_under(**PRODUCTION)["DEFAULT_FROM_EMAIL"] == SENDER


def test_a_development_site_sends_as_the_department_not_the_product():
    settings = settings_under(DJANGO_DEBUG="1")

    assert settings["DEFAULT_FROM_EMAIL"] == (
        "香港海關 Customs and Excise Department <alerts@localhost>"
    )
    assert settings["SERVER_EMAIL"] == settings["DEFAULT_FROM_EMAIL"]


@pytest.mark.parametrize("value", ["maybe", "2"])
def test_a_debug_flag_that_is_not_true_or_false_is_refused(value):
    result = import_settings(DJANGO_DEBUG=value)

    assert result.returncode != 0
    assert "DJANGO_DEBUG must be true or false" in result.stderr


def test_a_number_setting_that_is_not_a_number_is_refused():
    result = import_settings(**PRODUCTION, DJANGO_SECURE_HSTS_SECONDS="a year")

    assert result.returncode != 0
    assert "DJANGO_SECURE_HSTS_SECONDS must be a whole number, not 'a year'." in result.stderr


def test_production_starts_with_a_secret_key_and_hosts():
    settings = settings_under(**PRODUCTION)

    assert settings["DEBUG"] is False
    assert settings["ALLOWED_HOSTS"] == ["press.example.org"]
    assert settings["CSRF_TRUSTED_ORIGINS"] == ["https://press.example.org"]
    assert settings["SESSION_COOKIE_SECURE"] is True
    assert settings["CSRF_COOKIE_SECURE"] is True
    assert settings["SECURE_SSL_REDIRECT"] is True
    assert settings["SECURE_HSTS_SECONDS"] == 31_536_000
    assert settings["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_debug_stays_off_when_only_the_production_variables_are_set():
    settings = settings_under(
        DJANGO_SECRET_KEY=SECRET,
        DJANGO_ALLOWED_HOSTS="press.example.org",
        DJANGO_DEFAULT_FROM_EMAIL=SENDER,
    )

    assert settings["DEBUG"] is False


def test_a_development_site_needs_only_debug_turned_on():
    settings = settings_under(DJANGO_DEBUG="1")

    assert settings["DEBUG"] is True
    assert settings["DATABASES"]["default"]["ENGINE"] == "django.db.backends.sqlite3"
    assert settings["CACHES"]["default"]["BACKEND"].endswith("FileBasedCache")
    assert settings["STORAGES"]["default"]["BACKEND"].endswith("FileSystemStorage")
    assert settings["SERVE_MEDIA"] is True
    assert settings["SECURE_SSL_REDIRECT"] is False
    assert "SECURE_PROXY_SSL_HEADER" not in settings


def test_a_secret_can_come_from_a_file(tmp_path):
    secret_file = tmp_path / "secret"
    secret_file.write_text(SECRET + "\n")
    environment = {**PRODUCTION, "DJANGO_SECRET_KEY_FILE": str(secret_file)}
    del environment["DJANGO_SECRET_KEY"]

    assert settings_under(**environment)["SECRET_KEY"] == SECRET


def test_a_secret_given_twice_is_refused(tmp_path):
    secret_file = tmp_path / "secret"
    secret_file.write_text(SECRET)

    result = import_settings(**PRODUCTION, DJANGO_SECRET_KEY_FILE=str(secret_file))

    assert result.returncode != 0
    assert "Set DJANGO_SECRET_KEY or DJANGO_SECRET_KEY_FILE, not both." in result.stderr


def test_a_secret_file_that_cannot_be_read_is_refused(tmp_path):
    result = import_settings(DJANGO_DEBUG="1", DATABASE_URL_FILE=str(tmp_path / "missing"))

    assert result.returncode != 0
    assert "DATABASE_URL_FILE names a file that cannot be read" in result.stderr


def test_database_url_chooses_postgresql_with_health_checked_connections():
    settings = settings_under(
        DJANGO_DEBUG="1", DATABASE_URL="postgres://press:pw@db.internal:5432/pressroom"
    )

    database = settings["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["HOST"], database["NAME"], database["USER"]) == (
        "db.internal",
        "pressroom",
        "press",
    )
    assert database["CONN_HEALTH_CHECKS"] is True


def test_redis_url_chooses_the_redis_cache_that_survives_an_outage():
    settings = settings_under(DJANGO_DEBUG="1", REDIS_URL="redis://cache.internal:6379/2")

    cache = settings["CACHES"]["default"]
    assert cache["BACKEND"] == "pressroom.cache.ResilientRedisCache"
    assert cache["LOCATION"] == "redis://cache.internal:6379/2"


def test_a_bucket_name_moves_media_to_s3_and_allows_its_origin_in_the_csp():
    settings = settings_under(
        DJANGO_DEBUG="1",
        AWS_STORAGE_BUCKET_NAME="press-media",
        AWS_S3_ENDPOINT_URL="https://s3.example.net",
        AWS_ACCESS_KEY_ID="key-id",
        AWS_SECRET_ACCESS_KEY="key-secret",
    )

    storage = settings["STORAGES"]["default"]
    assert storage["BACKEND"] == "pressroom.storage.MediaS3Storage"
    assert storage["OPTIONS"]["bucket_name"] == "press-media"
    assert storage["OPTIONS"]["endpoint_url"] == "https://s3.example.net"
    assert storage["OPTIONS"]["access_key"] == "key-id"
    assert storage["OPTIONS"]["querystring_auth"] is False
    assert settings["SERVE_MEDIA"] is False
    img_src = settings["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["img-src"]
    assert img_src == ["'self'", "https://s3.example.net"]


def test_check_deploy_is_clean_with_the_production_variables():
    result = run_python(
        "import sys; from django.core.management import execute_from_command_line; "
        "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level', 'DEBUG'])",
        **PRODUCTION,
        DJANGO_SETTINGS_MODULE="pressroom.settings",
    )

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_warns_when_https_redirection_is_turned_off():
    result = run_python(
        "from django.core.management import execute_from_command_line; "
        "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level', 'DEBUG'])",
        **PRODUCTION,
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SETTINGS_MODULE="pressroom.settings",
    )

    assert result.returncode != 0
    assert "security.W008" in result.stderr


def check_deploy(**environment: str) -> subprocess.CompletedProcess:
    return run_python(
        "from django.core.management import execute_from_command_line; "
        "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level', 'DEBUG'])",
        **environment,
        DJANGO_SETTINGS_MODULE="pressroom.settings",
    )


def test_check_deploy_warns_when_a_proxy_s_https_header_is_trusted_but_no_proxy_counted():
    behind_a_proxy = {**PRODUCTION, "DJANGO_TRUSTED_PROXY_COUNT": "0"}

    result = check_deploy(**behind_a_proxy)

    assert result.returncode != 0
    assert "pressroom.W001" in result.stderr
    assert "DJANGO_TRUSTED_PROXY_COUNT" in result.stderr


def test_check_deploy_is_clean_with_no_proxy_and_no_proxy_header_trusted():
    served_directly = {
        **PRODUCTION,
        "DJANGO_TRUSTED_PROXY_COUNT": "0",
        "DJANGO_SECURE_PROXY_SSL_HEADER": "0",
    }

    result = check_deploy(**served_directly)

    assert "pressroom.W001" not in result.stderr


def test_the_address_login_limit_must_not_be_below_the_user_limit():
    result = import_settings(**PRODUCTION, AXES_FAILURE_LIMIT="5", AXES_ADDRESS_FAILURE_LIMIT="3")

    assert result.returncode != 0
    assert "AXES_ADDRESS_FAILURE_LIMIT must be at least AXES_FAILURE_LIMIT" in result.stderr
