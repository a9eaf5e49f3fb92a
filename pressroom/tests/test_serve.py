"""`make serve` runs the site through gunicorn with production settings and static files."""

import os
import re
import subprocess
import time
import urllib.error
import urllib.request
from email.message import Message
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
START_SECONDS = 180
# gunicorn's line naming the address it bound.
LISTENING = re.compile(r"Listening at: (http://127\.0\.0\.1:\d+)")
SECRET = "8Hq-vR2e-kX9pLm4zT8wYb6nHc3Jf5Gd1Ua0QioVrKsEw2Nx8Lt"


def fetch(url: str, **headers: str) -> tuple[int, Message, bytes]:
    request = urllib.request.Request(url, headers=headers)
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """Run `make serve` with the production variables, on a new SQLite file.

    gunicorn binds a port the system picks (PORT=0) and names it in its log, so no other
    server starting meanwhile (another xdist worker's) can take the port first.
    """
    folder = tmp_path_factory.mktemp("serve")
    log = folder / "serve.log"
    environment = {
        "PATH": os.environ["PATH"],
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": SECRET,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_DEFAULT_FROM_EMAIL": "Customs and Excise Department <press-alerts@example.org>",
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        # Not the checkout's staticfiles/: other workers' servers read it while this one runs.
        "DJANGO_STATIC_ROOT": str(folder / "static"),
    }
    with log.open("wb") as output:
        server = subprocess.Popen(
            ["make", "--no-print-directory", "serve", "PORT=0", "WORKERS=1"],
            cwd=ROOT,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    # collectstatic, migrate and gunicorn's start take seconds on a quiet machine, a minute or
    # more on a busy one.
    deadline = time.monotonic() + START_SECONDS
    try:
        while True:
            if server.poll() is not None:
                pytest.fail(f"make serve stopped: {log.read_text(errors='replace')}")
            listening = LISTENING.search(log.read_text(errors="replace"))
            try:
                if listening and fetch(listening[1] + "/healthz")[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"make serve did not answer within {START_SECONDS} seconds")
            time.sleep(0.1)
        yield listening[1]
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=10)


def test_gunicorn_answers_health_checks_over_plain_http(served):
    status, headers, body = fetch(served + "/healthz")

    assert status == 200
    assert body == b'{"status": "ok", "database": "ok", "cache": "ok"}'
    assert "no-cache" in headers["Cache-Control"]


def test_plain_http_is_sent_to_https(served):
    status, headers, _body = fetch(served + "/en/")

    assert status == 301
    assert headers["Location"] == served.replace("http://", "https://") + "/en/"


def test_pages_behind_the_https_proxy_carry_hsts_and_the_csp(served):
    status, headers, body = fetch(served + "/en/", **{"X-Forwarded-Proto": "https"})

    assert status == 200
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert "Latest press releases" in body.decode()


def test_static_files_have_hashed_names_far_future_caching_and_compression(served):
    page = fetch(served + "/en/", **{"X-Forwarded-Proto": "https"})[2].decode()
    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', page).group(1)

    status, headers, body = fetch(
        served + stylesheet, **{"X-Forwarded-Proto": "https", "Accept-Encoding": "gzip"}
    )

    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert "immutable" in headers["Cache-Control"]
    assert "max-age=315360000" in headers["Cache-Control"]
    assert body[:2] == b"\x1f\x8b"
