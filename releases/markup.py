"""Release bodies: CommonMark source in, sanitised HTML out."""

import html
import re

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

# Raw HTML in a body is shown as text, and nh3 then keeps only the tags
# CommonMark itself produces, so no markup an editor pastes can run.
_markdown = MarkdownIt("commonmark", {"html": False})
_ALLOWED_TAGS = {
    "p", "br", "strong", "em", "a", "ul", "ol", "li", "blockquote", "code", "pre",
    "h2", "h3", "h4", "hr",
}  # fmt: skip
_TAG = re.compile(r"<[^>]+>")


def render(source: str) -> SafeString:
    """Render CommonMark to HTML that is safe to put on a page."""
    rendered = _markdown.render(source)
    return mark_safe(nh3.clean(rendered, tags=_ALLOWED_TAGS, link_rel="noopener noreferrer"))


def first_paragraph(source: str) -> str:
    """Return the first paragraph of a CommonMark body as plain text."""
    for token in _markdown.parse(source):
        if token.type == "inline" and token.content.strip():
            plain = _TAG.sub("", _markdown.renderInline(token.content))
            return html.unescape(plain).strip()
    return ""
