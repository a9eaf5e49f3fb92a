"""Chinese sentences joined as Chinese is written: no space after a full-width stop.

Django builds some messages from two sentences joined by a space ("… was added
successfully." + " " + "You may edit it again below."); in Chinese that leaves
「已新增。 你可」. The desk's messages pass through here.
"""

import re

from django.utils.safestring import SafeData, mark_safe

# A space (or several) after full-width punctuation, before anything but a line's end.
AFTER_FULL_WIDTH = re.compile(r"(?<=[\u3000-\u303f\uff01-\uff0f\uff1a-\uff20]) +(?=\S)")


def joined(message):
    """The message with no space after a full-width stop, comma or colon; safe stays safe."""
    text = AFTER_FULL_WIDTH.sub("", str(message))
    return mark_safe(text) if isinstance(message, SafeData) else text
