"""Posting to other systems (WebSub hubs, webhook endpoints): short, checked, never redirected.

A post that is redirected counts as failed: the receiver must give its own
address, and following a redirect could lead a post somewhere an operator
never registered. In production an address on a private, loopback or
link-local network is refused before anything is sent, so a registered URL
cannot make the site post into the network it runs in.
"""

import ipaddress
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

LOCAL_NAMES = {"localhost", "127.0.0.1", "::1"}
USER_AGENT = "Pressroom (press releases; +https://www.standardwebhooks.com/)"
ERROR_LENGTH = 500


class NotAllowed(Exception):
    """An address the site refuses to post to; the message says why, `code` which rule."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Answer:
    status_code: int | None
    error: str
    duration_ms: int

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the 3xx is then raised as an HTTPError and recorded as the answer


_opener = urllib.request.build_opener(_NoRedirects)


def _private(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    return not ip.is_global


def check_address(url: str) -> None:
    """Refuse a URL the site must not post to (see the module's docstring)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    allow_private = settings.WEBHOOKS_ALLOW_PRIVATE
    if parts.scheme != "https" and not (
        parts.scheme == "http" and allow_private and host in LOCAL_NAMES
    ):
        raise NotAllowed("scheme", "only https addresses are allowed")
    if allow_private:
        return
    try:
        found = {info[4][0] for info in socket.getaddrinfo(host, parts.port or 443)}
    except (OSError, UnicodeError) as error:
        raise NotAllowed("unknown_host", f"the host cannot be found: {error}") from None
    if any(_private(address) for address in found):
        raise NotAllowed("private", "the host is on a private network")


def post(url: str, body: bytes, headers: dict[str, str]) -> Answer:
    """Post `body` to `url` once and return the answer, or the error that stood for one."""
    request = urllib.request.Request(
        url, data=body, headers={"User-Agent": USER_AGENT, **headers}, method="POST"
    )
    started = time.perf_counter()
    status, error = None, ""
    try:
        with _opener.open(request, timeout=settings.PUSH_TIMEOUT_SECONDS) as response:
            status = response.status
    except urllib.error.HTTPError as answer:
        status, error = answer.code, f"HTTP {answer.code} {answer.reason}"
    except (OSError, ValueError) as failure:
        error = str(getattr(failure, "reason", None) or failure) or type(failure).__name__
    duration = round((time.perf_counter() - started) * 1000)
    return Answer(status, error[:ERROR_LENGTH], duration)
