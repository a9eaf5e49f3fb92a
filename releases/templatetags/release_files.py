import math

from django import template
from django.utils.translation import gettext as _

register = template.Library()

KB = 1024
MB = 1024 * KB


@register.filter
def file_size(size: int) -> str:
    """Show a file's size as readers expect it: "245 KB", "1.2 MB"."""
    if size < MB:
        return _("%(size)s KB") % {"size": max(1, math.ceil(size / KB))}
    return _("%(size)s MB") % {"size": f"{size / MB:.1f}"}
