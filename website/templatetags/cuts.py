from django import template

from releases import cuts

register = template.Library()


@register.filter
def cut_to_width(text: str, width: int) -> str:
    """Shorten text to a visual width (CJK counts two), cut between words or after punctuation."""
    return cuts.cut_to_width(text, int(width))
