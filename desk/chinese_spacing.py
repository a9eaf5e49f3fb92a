"""Chinese sentences joined as Chinese is written: no space after a full-width stop.

Django builds some messages from two sentences joined by a space ("… was added
successfully." + " " + "You may edit it again below."); in Chinese that leaves
「已新增。 你可」. The desk's messages pass through here.
"""

import re

from django.utils.safestring import SafeData, mark_safe
from django.utils.text import format_lazy

from pressroom.languages import WITH_LANGUAGE

# A space (or several) after full-width punctuation, before anything but a line's end.
AFTER_FULL_WIDTH = re.compile(r"(?<=[\u3000-\u303f\uff01-\uff0f\uff1a-\uff20]) +(?=\S)")


# How parler writes the language after a page's title.
PARLER_TITLE = re.compile(r"(.+) \(([^()]+)\)")


def joined(message):
    """The message with no space after a full-width stop, comma or colon; safe stays safe."""
    text = AFTER_FULL_WIDTH.sub("", str(message))
    return mark_safe(text) if isinstance(message, SafeData) else text


class LanguageTabsTitleMixin:
    """parler titles a record's page "新增主題 (繁體中文)"; the catalogue's brackets instead."""

    def render_change_form(self, request, context, *args, **kwargs):
        response = super().render_change_form(request, context, *args, **kwargs)
        title = response.context_data.get("title") or ""
        found = PARLER_TITLE.fullmatch(str(title))
        if found:
            response.context_data["title"] = format_lazy(WITH_LANGUAGE, *found.groups())
        return response
