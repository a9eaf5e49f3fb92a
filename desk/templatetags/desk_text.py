"""The `joined` filter: sentences put together in a template, no space after a Chinese stop."""

from django import template

from desk.chinese_spacing import joined as joined_as_written

register = template.Library()


@register.filter(is_safe=True)
def joined(text: str) -> str:
    return joined_as_written(text)
