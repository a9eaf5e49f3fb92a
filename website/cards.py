"""Link-preview cards: the image WhatsApp, Facebook and X show when a page is shared.

A release with photos is shared with its first photo. One without gets a card
made here with Pillow, 1200×630 (the size Open Graph readers ask for): the
department's name and the release's title in both languages, drawn with the
machine's CJK font. A card is made once and kept in media storage under a name
holding a digest of what it shows, so a new title makes a new card (and a new
address, which link previews fetch afresh); other pages share a default card.
"""

import hashlib
import io
import logging
import re
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, ImageFont

from pressroom.languages import CHINESE, ENGLISH
from releases.models import Release

logger = logging.getLogger(__name__)

WIDTH, HEIGHT = 1200, 630
# Raised when the drawing changes, so every stored card is made again.
CARD_DESIGN = "1"
FOLDER = "cards"
MARGIN = 72
ACCENT, ACCENT_DARK, PAPER, INK, MUTED = "#0b4f71", "#073a54", "#ffffff", "#1b1f24", "#4a5260"
# Hong Kong glyph forms first, as on the pages; the Debian package fonts-noto-cjk holds them.
FONT_NAMES = ["Noto Sans CJK HK", "Noto Sans CJK TC", "Noto Sans CJK SC", "Noto Sans CJK JP"]
KNOWN_FONTS = {
    False: ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 4),
    True: ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 4),
}
# A Latin word, a number or a run of spaces stays whole; any other character may end a line.
_TOKENS = re.compile(r"[^\W_]+(?:[-'’.,:;!?)”]*)|\s+|.", re.ASCII)


@dataclass(frozen=True)
class CardText:
    """What a card shows: a heading line, then a Chinese and an English title."""

    chinese: str
    english: str
    chinese_department: str
    english_department: str

    @property
    def digest(self) -> str:
        text = "\n".join([CARD_DESIGN, *self.__dict__.values()])
        return hashlib.sha256(text.encode()).hexdigest()[:16]


def departments() -> tuple[str, str]:
    with translation.override(CHINESE):
        chinese = _("Customs and Excise Department")
    with translation.override(ENGLISH):
        english = _("Customs and Excise Department")
    return chinese, english


def release_text(release: Release) -> CardText:
    """The card of a release, from its prefetched translations."""
    titles = {item.language_code: item.title for item in release.translations.all()}
    return CardText(titles.get(CHINESE, ""), titles.get(ENGLISH, ""), *departments())


def default_text() -> CardText:
    with translation.override(CHINESE):
        chinese = _("Press releases")
    with translation.override(ENGLISH):
        english = _("Press releases")
    return CardText(chinese, english, *departments())


@lru_cache(maxsize=4)
def font_file(bold: bool) -> tuple[str, int] | None:
    """Find a CJK font's file and face: fontconfig's choice, else Debian's path, else none."""
    if shutil.which("fc-match"):
        for name in FONT_NAMES:
            pattern = f"{name}:bold" if bold else name
            try:
                found = subprocess.run(
                    ["fc-match", "--format=%{file}\t%{index}\t%{family}", pattern],
                    capture_output=True,
                    text=True,
                    timeout=5,
                    check=True,
                ).stdout
            except (OSError, subprocess.SubprocessError):
                break
            path, index, family = [*found.split("\t"), "", "", ""][:3]
            if "CJK" in family and path:
                return path, int(index or 0)
    path, index = KNOWN_FONTS[bold]
    try:
        with open(path, "rb"):
            return path, index
    except OSError:
        return None


@lru_cache(maxsize=16)
def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    found = font_file(bold)
    if found is None:
        # No CJK font on this machine: a card still comes out, Chinese drawn as boxes.
        logger.warning("No CJK font found for preview cards; install fonts-noto-cjk.")
        return ImageFont.load_default(size)
    return ImageFont.truetype(found[0], size, index=found[1])


def wrap(draw: ImageDraw.ImageDraw, text: str, face, width: int, max_lines: int) -> list[str]:
    """Break text into lines that fit `width`, between words in English, anywhere in Chinese;
    the last line that fits ends with an ellipsis when text is left over."""
    lines, line = [], ""
    for token in _TOKENS.findall(" ".join(text.split())):
        if draw.textlength(line + token, font=face) <= width or not line.strip():
            line += token
            continue
        lines.append(line.rstrip())
        line = token.lstrip()
    if line.strip():
        lines.append(line.rstrip())
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and draw.textlength(last + "…", font=face) > width:
            last = last[:-1]
        lines = [*lines[: max_lines - 1], last.rstrip() + "…"]
    return lines


def draw_card(text: CardText) -> bytes:
    """Draw a card as PNG: a band with the department's names, both titles below."""
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, WIDTH, 132], fill=ACCENT)
    draw.rectangle([0, 132, WIDTH, 140], fill=ACCENT_DARK)
    draw.text((MARGIN, 34), text.chinese_department, font=font(40, bold=True), fill=PAPER)
    chinese_width = draw.textlength(text.chinese_department, font=font(40, bold=True))
    draw.text(
        (MARGIN + chinese_width + 28, 44), text.english_department, font=font(30), fill=PAPER
    )
    room = WIDTH - 2 * MARGIN
    top = 186
    for line in wrap(draw, text.chinese, font(56, bold=True), room, 3):
        draw.text((MARGIN, top), line, font=font(56, bold=True), fill=INK)
        top += 76
    top += 20
    for line in wrap(draw, text.english, font(40), room, 3):
        draw.text((MARGIN, top), line, font=font(40), fill=MUTED)
        top += 54
    draw.rectangle([MARGIN, HEIGHT - 40, MARGIN + 96, HEIGHT - 32], fill=ACCENT)
    output = io.BytesIO()
    image.save(output, "PNG", optimize=True)
    return output.getvalue()


def stored_card(name: str, text: CardText) -> bytes:
    """Return the card kept under `name`, drawing and keeping it the first time."""
    path = f"{FOLDER}/{name}-{text.digest}.png"
    if default_storage.exists(path):
        with default_storage.open(path, "rb") as stored:
            return stored.read()
    drawn = draw_card(text)
    default_storage.save(path, ContentFile(drawn))
    return drawn


def png(data: bytes) -> HttpResponse:
    return HttpResponse(data, content_type="image/png")


def release_card_url(release: Release) -> str:
    digest = release_text(release).digest
    return reverse("releases:card", kwargs={"pk": release.pk, "digest": digest})


def default_card_url() -> str:
    return reverse("releases:default-card", kwargs={"digest": default_text().digest})


def release_card(request: HttpRequest, pk: int, digest: str) -> HttpResponse:
    """Serve a release's card; an old digest (the title changed) redirects to the new card."""
    release = Release.objects.visible_at_url().with_translations().filter(pk=pk).first()
    if release is None:
        raise Http404
    text = release_text(release)
    if digest != text.digest:
        return HttpResponsePermanentRedirect(release_card_url(release))
    return png(stored_card(f"release-{release.pk}", text))


def default_card(request: HttpRequest, digest: str) -> HttpResponse:
    """Serve the card of every page that is not a release's."""
    text = default_text()
    if digest != text.digest:
        return HttpResponsePermanentRedirect(default_card_url())
    return png(stored_card("default", text))
