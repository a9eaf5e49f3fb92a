"""{% kept key %}…{% endkept %}: a fragment rendered once per key, kept in the shared cache.

Django's {% cache %} always looks its fragment up; this one renders as usual
when the key is empty, so a template shared by the public page and by pages
that must never be reused (a preview, a review page) keeps one body.
"""

import logging

from django import template
from django.core.cache import cache
from django.utils.safestring import mark_safe

from pagecache.versions import CACHE_ERRORS, PAGE_CACHE_SECONDS

register = template.Library()
logger = logging.getLogger(__name__)

KEY = "pressroom:fragment:{key}"


class KeptNode(template.Node):
    def __init__(self, nodelist: template.NodeList, key: template.base.FilterExpression) -> None:
        self.nodelist = nodelist
        self.key = key

    def render(self, context: template.Context) -> str:
        key = self.key.resolve(context)
        if not key:
            return self.nodelist.render(context)
        key = KEY.format(key=key)
        try:
            kept = cache.get(key)
        except CACHE_ERRORS:
            logger.warning("Cache unavailable; rendering %s", key, exc_info=True)
            return self.nodelist.render(context)
        if kept is None:
            kept = self.nodelist.render(context)
            try:
                cache.set(key, kept, PAGE_CACHE_SECONDS)
            except CACHE_ERRORS:
                logger.warning("Cache unavailable; %s not kept", key, exc_info=True)
        return mark_safe(kept)


@register.tag
def kept(parser: template.base.Parser, token: template.base.Token) -> KeptNode:
    """Render the fragment up to {% endkept %} once per value of the key given."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("{% kept %} takes one argument: the fragment's key.")
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    return KeptNode(nodelist, parser.compile_filter(bits[1]))
