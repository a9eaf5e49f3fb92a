"""Mark what changed inside a text: characters in Chinese, words in English.

A three-character edit of a long paragraph (約二百萬支 → 約二百一十萬支) is
shown as that paragraph with 一十 marked, not the paragraph struck out and
added again. difflib compares tokens: each CJK character is one, a run of
letters or digits is one (so an English word changes whole), anything else
one character.
"""

import difflib
import re

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

# How much unchanged text a quoted change keeps on each side of what changed.
QUOTE_CONTEXT = 40
# A Latin word or number, a run of spaces, or any single character (each CJK one alone).
TOKEN = re.compile(r"[A-Za-z0-9_'’.,-]+|\s+|.", re.DOTALL)


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text)


def marked(before: str, after: str, context: int | None = None) -> tuple[SafeString, SafeString]:
    """Both texts as HTML: what `before` lost in <del>, what `after` gained in <ins>.

    With `context`, unchanged text longer than that on either side of a change
    is cut to "…", so a short quote still shows where the change is.
    """
    old, new = tokens(before), tokens(after)
    removed, added = [], []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    opcodes = matcher.get_opcodes()
    for index, (tag, old_from, old_to, new_from, new_to) in enumerate(opcodes):
        old_part, new_part = "".join(old[old_from:old_to]), "".join(new[new_from:new_to])
        if tag == "equal":
            kept = _shortened(old_part, context, index == 0, index == len(opcodes) - 1)
            removed.append(escape(kept))
            added.append(escape(kept))
            continue
        if old_part:
            removed.append(format_html("<del>{}</del>", old_part))
        if new_part:
            added.append(format_html("<ins>{}</ins>", new_part))
    return _lines(removed), _lines(added)


def _shortened(text: str, context: int | None, first: bool, last: bool) -> str:
    """Unchanged text cut to `context` characters beside each change it touches."""
    if context is None or len(text) <= 2 * context:
        return text
    head = "" if first else text[:context]
    tail = "" if last else text[-context:]
    return f"{head}…{tail}"


def _lines(parts: list[str]) -> SafeString:
    # Each part is escaped above; line breaks are kept as the editor wrote them.
    return mark_safe("".join(parts).replace("\n", "<br>"))


def quoted_change(label: str, before: str, after: str) -> SafeString:
    """ "Title (English): “…” → “…”", each side cut around the change, the change marked."""
    removed, added = marked(before, after, QUOTE_CONTEXT)
    quote = _("{field}: “{before}” → “{after}”")
    return format_html(quote, field=label, before=removed, after=added)
