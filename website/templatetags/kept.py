"""Fragments rendered once and kept, rather than rendered for every page.

{% kept key %}…{% endkept %}: rendered once per key, kept in the shared cache.
Django's {% cache %} always looks its fragment up; this one renders as usual
when the key is empty, so a template shared by the public page and by pages
that must never be reused (a preview, a review page) keeps one body.

{% rendered_once name value… %}…{% endrendered_once %}: rendered once per
server process for each interface language, address scheme and value given,
and kept in the process. For the parts of every page that depend on nothing
else (the site's navigation, the footer): they change only with a
deployment, which starts new processes.
"""

from django import template
from django.urls import get_script_prefix, get_urlconf
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

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


# What each process rendered once, by the fragment's name, language, URL scheme and values.
_RENDERED: dict[tuple, SafeString] = {}


class RenderedOnceNode(template.Node):
    def __init__(
        self,
        nodelist: template.NodeList,
        name: str,
        values: list[template.base.FilterExpression],
    ) -> None:
        self.nodelist = nodelist
        self.name = name
        self.values = values

    def render(self, context: template.Context) -> str:
        key = (
            self.name,
            get_language(),
            get_urlconf(),
            get_script_prefix(),
            *(value.resolve(context) for value in self.values),
        )
        if key not in _RENDERED:
            _RENDERED[key] = mark_safe(self.nodelist.render(context))
        return _RENDERED[key]


@register.tag
def rendered_once(parser: template.base.Parser, token: template.base.Token) -> RenderedOnceNode:
    """Render the fragment up to {% endrendered_once %} once per process and values given."""
    name, *values = token.split_contents()[1:] or [""]
    if not name:
        raise template.TemplateSyntaxError("{% rendered_once %} takes a name, then any values.")
    nodelist = parser.parse(("endrendered_once",))
    parser.delete_first_token()
    return RenderedOnceNode(nodelist, name, [parser.compile_filter(value) for value in values])
