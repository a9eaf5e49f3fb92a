from django import template

from releases import sizes

register = template.Library()


@register.filter
def file_size(size: int) -> str:
    """Show a file's size as readers expect it: "245 KB", "1.2 MB"."""
    return sizes.file_size(size)
