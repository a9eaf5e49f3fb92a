"""Deployment checks of Pressroom's own settings, run by `manage.py check --deploy`."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def check_proxy_is_counted(app_configs, **kwargs) -> list[Warning]:
    """Warn when the site trusts a proxy's HTTPS header but counts no proxy.

    Behind a proxy, every request comes from the proxy's address unless the
    site reads the client's from X-Forwarded-For: the sign-in and subscription
    limits would then count all readers as one, and five failures by anyone
    would lock a user name out for everyone.
    """
    if settings.SECURE_PROXY_SSL_HEADER and settings.TRUSTED_PROXY_COUNT == 0:
        return [
            Warning(
                "The site trusts a proxy's X-Forwarded-Proto header but counts no proxy, "
                "so every reader has the proxy's address and the sign-in and "
                "subscription limits count them all as one.",
                hint="Set DJANGO_TRUSTED_PROXY_COUNT to the number of proxies in front "
                "(1 for the recipe in docs/operations.md), or DJANGO_SECURE_PROXY_SSL_HEADER=0 "
                "if clients reach the site directly.",
                id="pressroom.W001",
            )
        ]
    return []
