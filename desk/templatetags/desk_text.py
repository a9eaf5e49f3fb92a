"""Text on the desk's pages: sentences joined as Chinese is written; changes marked within."""

from django import template

from desk.chinese_spacing import joined as joined_as_written
from desk.marked_changes import marked as marked_within
from releases.versions import Change

register = template.Library()


@register.filter(is_safe=True)
def joined(text: str) -> str:
    return joined_as_written(text)


@register.filter
def marked(change: Change) -> tuple[str, str]:
    """A change's before and after, what differs marked inside them (<del>, <ins>)."""
    return marked_within(change.before, change.after)
