"""Release bodies: CommonMark source in, sanitised HTML out."""

import html
import re
from functools import cached_property

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


class Body:
    """A CommonMark body, parsed once for everything a page shows of it."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.tokens = _markdown.parse(source)

    @cached_property
    def html(self) -> SafeString:
        """The body as HTML that is safe to put on a page."""
        return _clean(_markdown.renderer.render(self.tokens, _markdown.options, {}))

    @cached_property
    def blocks(self) -> list[SafeString]:
        """Each top-level block (paragraph, list, heading…) as safe HTML of its own."""
        blocks, current = [], []
        for token in self.tokens:
            current.append(token)
            if token.level == 0 and token.nesting in (0, -1):
                blocks.append(_clean(_markdown.renderer.render(current, _markdown.options, {})))
                current = []
        return blocks

    @cached_property
    def first_paragraph(self) -> str:
        """The first paragraph as plain text."""
        for token in self.tokens:
            if token.type == "inline" and token.content.strip():
                inline = _markdown.renderer.renderInline(token.children, _markdown.options, {})
                return html.unescape(_TAG.sub("", inline)).strip()
        return ""


def plain_text(source: str) -> str:
    """Return a CommonMark body as plain text, paragraphs joined by single spaces."""
    # Blocks part with a space; inline tags vanish, so 香港<em>海關</em> stays one run.
    plain = html.unescape(_TAG.sub("", _BLOCK_TAG.sub(" ", _markdown.render(source))))
    return " ".join(plain.split())
