"""Every response carries the security headers, and the policy allows no inline code."""

import pytest

pytestmark = pytest.mark.django_db

EXPECTED_CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def directives(policy: str) -> dict[str, str]:
    return dict(part.strip().split(" ", 1) for part in policy.split(";"))


@pytest.mark.parametrize(
    "path",
    [
        "/zh-hant/",
        "/en/",
        "/en/releases/1/aeo-expert-mission-and-symposium-for-asean-and-hong-kong-china/",
        "/en/no-such-page/",
        "/admin/login/",
        "/healthz",
    ],
)
def test_every_response_carries_the_security_headers(client, demo_release, path):
    response = client.get(path)

    assert directives(response["Content-Security-Policy"]) == EXPECTED_CSP
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    features = dict(part.split("=", 1) for part in response["Permissions-Policy"].split(", "))
    for unused in ("camera", "microphone", "geolocation", "browsing-topics", "payment"):
        assert features[unused] == "()"
    assert features["clipboard-write"] == "(self)"


def test_production_over_https_adds_hsts(client, settings, db):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

    plain = client.get("/en/")
    proxied = client.get("/en/", headers={"x-forwarded-proto": "https"})
    probe = client.get("/healthz")

    assert plain.status_code == 301
    assert plain["Location"] == "https://testserver/en/"
    assert proxied.status_code == 200
    assert proxied["Strict-Transport-Security"] == ("max-age=31536000; includeSubDomains; preload")
    assert probe.status_code == 200
