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
_BLOCK_TAG = re.compile(r"</?(?:p|br|li|ul|ol|h\d|blockquote|pre|hr)\b[^>]*>")


def _clean(rendered: str) -> SafeString:
    return mark_safe(nh3.clean(rendered, tags=_ALLOWED_TAGS, link_rel="noopener noreferrer"))


def render(source: str) -> SafeString:
    """Render CommonMark to HTML that is safe to put on a page."""
    return _clean(_markdown.render(source))


def render_blocks(source: str) -> list[SafeString]:
    """Render each top-level block (paragraph, list, heading…) of a body on its own, safely."""
    blocks, current = [], []
    for token in _markdown.parse(source):
        current.append(token)
        if token.level == 0 and token.nesting in (0, -1):
            blocks.append(_clean(_markdown.renderer.render(current, _markdown.options, {})))
            current = []
    return blocks


def first_paragraph(source: str) -> str:
    """Return the first paragraph of a CommonMark body as plain text."""
    for token in _markdown.parse(source):
        if token.type == "inline" and token.content.strip():
            plain = _TAG.sub("", _markdown.renderInline(token.content))
            return html.unescape(plain).strip()
    return ""


def plain_text(source: str) -> str:
    """Return a CommonMark body as plain text, paragraphs joined by single spaces."""
    # Blocks part with a space; inline tags vanish, so 香港<em>海關</em> stays one run.
    plain = html.unescape(_TAG.sub("", _BLOCK_TAG.sub(" ", _markdown.render(source))))
    return " ".join(plain.split())
