"""The `history_line` filter: a version's line in the history, in the reader's language."""

from django import template
from reversion.models import Revision

from releases.history import history_line as line_in_interface_language

register = template.Library()


@register.filter
def history_line(revision: Revision) -> str:
    line = line_in_interface_language(revision.comment)
    # A line django-reversion wrote itself may be Django's own list of changes.
    return revision.get_comment() if line == revision.comment else line
