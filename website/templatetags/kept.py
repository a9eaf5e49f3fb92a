"""{% kept key %}…{% endkept %}: a fragment rendered once per key, kept in the shared cache.

Django's {% cache %} always looks its fragment up; this one renders as usual
when the key is empty, so a template shared by the public page and by pages
that must never be reused (a preview, a review page) keeps one body.
"""

from django import template
from django.utils.safestring import mark_safe

from website.release_pages import kept as kept_under

register = template.Library()


class KeptNode(template.Node):
    def __init__(self, nodelist: template.NodeList, key: template.base.FilterExpression) -> None:
        self.nodelist = nodelist
        self.key = key

    def render(self, context: template.Context) -> str:
        key = self.key.resolve(context)
        return mark_safe(kept_under(key, lambda: self.nodelist.render(context)))


@register.tag
def kept(parser: template.base.Parser, token: template.base.Token) -> KeptNode:
    """Render the fragment up to {% endkept %} once per value of the key given."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("{% kept %} takes one argument: the fragment's key.")
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    return KeptNode(nodelist, parser.compile_filter(bits[1]))
