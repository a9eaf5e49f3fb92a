import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# Inside <script>, "</script>" or "<!--" in a title would end or bend the block.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def json_ld(data: dict) -> SafeString:
    """Return a <script type="application/ld+json"> block holding data, safely escaped."""
    encoded = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(
        _SCRIPT_ESCAPES
    )
    return mark_safe(f'<script type="application/ld+json">{encoded}</script>')
