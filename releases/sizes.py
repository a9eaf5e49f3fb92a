"""File sizes as readers expect them: "245 KB", "1.2 MB"."""

import math

from django.utils.translation import gettext as _

KB = 1024
MB = 1024 * KB


def file_size(size: int) -> str:
    if size < MB:
        return _("%(size)s KB") % {"size": max(1, math.ceil(size / KB))}
    return _("%(size)s MB") % {"size": f"{size / MB:.1f}"}
