"""Pressroom settings: the one place that reads the environment.

Debug is off unless DJANGO_DEBUG=1 turns it on, so a server started without
it never shows Django's debug pages: it then needs DJANGO_SECRET_KEY,
DJANGO_ALLOWED_HOSTS and DJANGO_DEFAULT_FROM_EMAIL, and optionally DATABASE_URL,
REDIS_URL and the S3 settings (see docs/operations.md). DJANGO_DEBUG=1 alone runs a development
site on SQLite, a local cache and local media files (`make run` sets it).
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
import dj_email_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    """Return an environment variable, or the default when unset."""
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    """Return a true/false environment variable; refuse anything else."""
    value = os.environ.get(name)
    if value is None:
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false (1/0), not {value!r}.")


def env_list(name: str, default: str = "") -> list[str]:
    """Return a comma-separated environment variable as a list."""
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    """Return a whole-number environment variable; refuse anything else."""
    value = os.environ.get(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_secret(name: str, default: str = "") -> str:
    """Return a secret from NAME, or from the file named by NAME_FILE (Docker/systemd secrets)."""
    path = os.environ.get(f"{name}_FILE")
    if path is None:
        return env(name, default)
    if name in os.environ:
        raise ImproperlyConfigured(f"Set {name} or {name}_FILE, not both.")
    try:
        return Path(path).read_text(encoding="utf-8").strip()
    except OSError as error:
        raise ImproperlyConfigured(
            f"{name}_FILE names a file that cannot be read: {path}"
        ) from error


DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = env_secret("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off. "
            "For a development site, set DJANGO_DEBUG=1."
        )
    SECRET_KEY = "development-only-not-secret"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
if not ALLOWED_HOSTS and not DEBUG:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must be set when DJANGO_DEBUG is off.")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "parler",
    "pressroom.outside_apps.SignInAttemptsConfig",
    "reversion",
    "django_tasks",
    "pressroom.outside_apps.BackgroundTasksConfig",
    # The project's apps, from the bottom layer up (see docs/architecture.md).
    "pressroom",
    "releases",
    "pagecache",
    "search",
    "website",
    "alerts",
    "api",
    "review",
    "media",
    "desk",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    # Outside the page cache, so its answers and 304s carry the header too.
    "api.middleware.OpenAccessMiddleware",
    # As early as is safe: a cached page is answered with the headers every middleware
    # below gave it when it was rendered, without running them again (pagecache.middleware);
    # outside the 503 middleware, so cached pages keep being served while the database is
    # down.
    "pagecache.middleware.PageCacheMiddleware",
    # Django's, but keeping the session the page cache read for a request with a cookie.
    "pagecache.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "axes.middleware.AxesMiddleware",
    # Inside the page cache, so a /zh-hans/ page is converted once, kept converted, and
    # its ETag describes what readers receive.
    "pressroom.simplified.SimplifiedChineseMiddleware",
    # Innermost, so every middleware above still adds its headers to the 503 page.
    "pressroom.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "pressroom.urls"
WSGI_APPLICATION = "pressroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "website.context_processors.languages",
                "website.context_processors.preview_image",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_secret("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        # A kept connection that died (database restarted) is replaced, not reused.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server and the alert workers write at the same time: a write-ahead log lets
    # readers go on beside a writer and makes each commit cheap (no sync until checkpoint,
    # still safe when a process is killed); writers wait their turn rather than fail.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cached pages and their content generation must be shared by every app server.
REDIS_URL = env_secret("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "pressroom.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "pressroom",
            # A cache that answers slowly is worse than none: give up quickly.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    # Without Redis, a cache on local disk: shared by every process of this machine
    # (gunicorn's workers, management commands), so a change made in one reaches all.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": env("DJANGO_CACHE_DIR", str(BASE_DIR / "var" / "cache")),
            "OPTIONS": {"MAX_ENTRIES": env_int("DJANGO_CACHE_MAX_ENTRIES", 5000)},
        }
    }

# Background work (email alerts): Django's tasks framework through its backport, queued in
# the database so every worker on every machine shares one queue (`manage.py db_worker`).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Email: EMAIL_URL (smtp://user:password@host:587/?tls=True); without it, each email is
# written as a file under var/mail/ so a development site shows what it would have sent.
EMAIL_URL = env_secret("EMAIL_URL")
if EMAIL_URL:
    try:
        email_settings = dj_email_url.parse(EMAIL_URL)
    except (KeyError, ValueError) as error:
        raise ImproperlyConfigured(f"EMAIL_URL is not a valid email URL: {error}") from None
    EMAIL_BACKEND = email_settings["EMAIL_BACKEND"]
    EMAIL_HOST = email_settings["EMAIL_HOST"]
    EMAIL_PORT = email_settings["EMAIL_PORT"]
    EMAIL_HOST_USER = email_settings["EMAIL_HOST_USER"]
    EMAIL_HOST_PASSWORD = email_settings["EMAIL_HOST_PASSWORD"]
    EMAIL_USE_TLS = email_settings["EMAIL_USE_TLS"]
    EMAIL_USE_SSL = email_settings["EMAIL_USE_SSL"]
else:
    EMAIL_BACKEND = "alerts.mail_backends.FilePerEmailBackend"
    EMAIL_FILE_PATH = env("DJANGO_EMAIL_FILE_PATH", str(BASE_DIR / "var" / "mail"))
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
# The sender readers see: the department, never the product. A production site without it
# would send as whatever default it had, so it must be given when debug is off.
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL")
if not DEFAULT_FROM_EMAIL:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_DEFAULT_FROM_EMAIL must be set when DJANGO_DEBUG is off: the department's "
            'name and address alerts are sent from, as "Customs and Excise Department '
            '<press-alerts@example.org>".'
        )
    DEFAULT_FROM_EMAIL = "香港海關 Customs and Excise Department <alerts@localhost>"
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Emails are sent by a worker, with no request to take the site's address from.
SITE_URL = env(
    "PRESSROOM_SITE_URL",
    "http://127.0.0.1:8000" if DEBUG else f"https://{ALLOWED_HOSTS[0]}",
).rstrip("/")
# Alerts: how long a sender holds the emails it took (a sender that died lets go after it),
# and how many tries an email gets before it is marked failed.
ALERTS_CLAIM_SECONDS = env_int("ALERTS_CLAIM_SECONDS", 300)
ALERTS_SENDERS = env_int("ALERTS_SENDERS", 2)
ALERTS_MAX_ATTEMPTS = env_int("ALERTS_MAX_ATTEMPTS", 5)
ALERTS_SUSPEND_AFTER_HARD_FAILURES = env_int("ALERTS_SUSPEND_AFTER_HARD_FAILURES", 3)
# How long an accreditation of a journalist lasts from its approval or renewal, in days.
MEDIA_ACCREDITATION_DAYS = env_int("MEDIA_ACCREDITATION_DAYS", 365)

# WebSub hubs the feeds name and tell of each change (comma-separated); none, no pings.
WEBSUB_HUBS = env_list("WEBSUB_HUBS")
# Webhook endpoints on private, loopback or link-local addresses (and plain http to this
# machine) are refused unless this is on: a development site posts to local test receivers.
WEBHOOKS_ALLOW_PRIVATE = env_bool("WEBHOOKS_ALLOW_PRIVATE", DEBUG)
# How long a post to a hub or an endpoint may take before it counts as failed.
PUSH_TIMEOUT_SECONDS = env_int("PUSH_TIMEOUT_SECONDS", 10)

# Off, every public page is rendered for every request (validators still sent): how the
# benchmark measures a page "rendered afresh" without inventing addresses to miss the cache.
PAGE_CACHE = env_bool("DJANGO_PAGE_CACHE", True)
# How long a rendered page is kept: generous, since any change to content starts a new
# generation anyway, and never past the next scheduled release (pagecache.versions).
PAGE_CACHE_SECONDS = 3600
# What a browser or proxy may reuse without asking: short, so a change reaches readers soon.
PAGE_BROWSER_MAX_AGE = 60
# Each server process also keeps its own copies of the pages it answered last, up to this
# many bytes (16 MB: about a thousand release pages), read without a round trip to the cache.
PAGE_MEMORY_BYTES = env_int("DJANGO_PAGE_MEMORY_BYTES", 16 * 1024 * 1024)

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Traditional Chinese is the site's default and comes first everywhere.
LANGUAGE_CODE = "zh-hant"
LANGUAGES = [
    ("zh-hant", _("Traditional Chinese")),
    ("en", _("English")),
    # Read-only: converted from zh-hant by OpenCC at render time, never stored,
    # so PARLER_LANGUAGES below does not list it.
    ("zh-hans", _("Simplified Chinese")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["pressroom.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Hong_Kong"

PARLER_DEFAULT_LANGUAGE_CODE = "zh-hant"
PARLER_LANGUAGES = {
    None: ({"code": "zh-hant"}, {"code": "en"}),
    "default": {"fallbacks": ["zh-hant"], "hide_untranslated": False},
}
# Pages read every translation they show with the rows they translate (releases.prefetch),
# so parler's own cache would save no query: it would only write each translation to the
# shared cache again on every page (a file or a Redis round trip each).
PARLER_ENABLE_CACHING = False

STATIC_URL = "static/"
# Where collectstatic gathers the static files whitenoise serves; the suite gives its own
# `make serve` a folder of its own, so no test writes there while another reads it.
STATIC_ROOT = (
    Path(env("DJANGO_STATIC_ROOT")) if env("DJANGO_STATIC_ROOT") else BASE_DIR / "staticfiles"
)
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
# Uploads live under var/ (ignored by git), apart from the code: media/ is the media desk app.
MEDIA_ROOT = BASE_DIR / "var" / "media"
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME:
    # Media live in an S3-compatible bucket; reads come straight from it, not through Django.
    s3_options = {
        "bucket_name": AWS_STORAGE_BUCKET_NAME,
        "endpoint_url": env("AWS_S3_ENDPOINT_URL") or None,
        "region_name": env("AWS_S3_REGION_NAME") or None,
        "custom_domain": env("AWS_S3_CUSTOM_DOMAIN") or None,
        "addressing_style": env("AWS_S3_ADDRESSING_STYLE") or None,
        "location": env("AWS_LOCATION"),
        # Press media are public, and signed links would expire inside cached pages.
        "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", False),
        "file_overwrite": False,
    }
    # Unset keys leave boto3 its own credential chain (instance roles, ~/.aws).
    for option, variable in [
        ("access_key", "AWS_ACCESS_KEY_ID"),
        ("secret_key", "AWS_SECRET_ACCESS_KEY"),
    ]:
        if value := env_secret(variable):
            s3_options[option] = value
    DEFAULT_STORAGE = {"BACKEND": "pressroom.storage.MediaS3Storage", "OPTIONS": s3_options}
    SERVE_MEDIA = False
    # Pages show media from the bucket's origin, which the CSP must allow: public files from
    # the custom domain when there is one, signed addresses (files not yet public) always
    # from the bucket's own endpoint.
    if s3_options["endpoint_url"]:
        endpoint = urlsplit(s3_options["endpoint_url"])
        host = endpoint.netloc
        if s3_options["addressing_style"] == "virtual":
            host = f"{AWS_STORAGE_BUCKET_NAME}.{host}"
        MEDIA_ORIGINS = [f"{endpoint.scheme}://{host}"]
    else:
        MEDIA_ORIGINS = ["https://*.amazonaws.com"]
    if s3_options["custom_domain"]:
        MEDIA_ORIGINS.insert(0, f"https://{s3_options['custom_domain']}")
else:
    DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    # With local files, Django serves media itself, with safe types (pressroom/media.py).
    SERVE_MEDIA = True
    MEDIA_ORIGINS = []
FILE_UPLOAD_HANDLERS = [
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "pressroom.media.ShortNameUploadHandler",
]
# How long a signed address of a file not yet public works (a draft's, in a preview or on a
# review page): long enough to read the page, short enough that a copied link soon expires.
PRIVATE_MEDIA_SECONDS = env_int("DJANGO_PRIVATE_MEDIA_SECONDS", 900)
# Who, beside everyone once the release is public, may fetch a release's files: each rule is
# called with (request, release, stored name) and says yes or no (website/files.py). The media
# desk adds its accredited journalists here.
RELEASE_FILE_READERS = [
    "website.files.signed_address_may_see",
    "website.files.staff_may_see",
    "media.files.journalist_may_see",
]
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Security. Production runs behind a proxy that terminates HTTPS and sets X-Forwarded-Proto.
if env_bool("DJANGO_SECURE_PROXY_SSL_HEADER", not DEBUG):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
# A load balancer probes health over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, *MEDIA_ORIGINS],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Browser features the site never uses are turned off for it and anything it embeds, so no
# injected or uploaded content can ask a reader for them. Copying (the desk's copy buttons)
# stays allowed for the site itself.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "ambient-light-sensor",
        "autoplay",
        "bluetooth",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "interest-cohort",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
} | {"clipboard-write": ["self"]}

# Admin sign-in: lock out one user name from one address after repeated failures, and an
# address after more failures across user names (pressroom/login_limits.py).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_ADDRESS_FAILURE_LIMIT = env_int("AXES_ADDRESS_FAILURE_LIMIT", 20)
if not 0 < AXES_FAILURE_LIMIT <= AXES_ADDRESS_FAILURE_LIMIT:
    raise ImproperlyConfigured(
        "AXES_ADDRESS_FAILURE_LIMIT must be at least AXES_FAILURE_LIMIT, and both above 0."
    )
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_HANDLER = "pressroom.login_limits.UserAndAddressHandler"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# The log must tell an operator which account was tried from where; passwords stay masked.
AXES_SENSITIVE_PARAMETERS = []
AXES_LOCKOUT_CALLABLE = "pressroom.views.locked_out"
# Behind N proxies, the client's address is the Nth from the right of X-Forwarded-For.
AXES_CLIENT_IP_CALLABLE = "pressroom.client_ip.client_ip"
TRUSTED_PROXY_COUNT = env_int("DJANGO_TRUSTED_PROXY_COUNT", 0)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", "INFO")},
}
