"""The department's glossary: official terms in both languages, the forms not to use, and
the Simplified form the /zh-hans/ view must keep for a name conversion would spoil.

Read through `current()`, kept in the shared cache and dropped whenever a term
changes, so the check and the Simplified view cost no query once it is read.
The CSV format of `import_glossary` and `export_glossary` is stated here once.
"""

import csv
import io
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy

from releases.facts import Entry, Glossary

CACHE_KEY = "releases:glossary:v1"
COLUMNS = ("zh_hant", "en", "zh_hans", "avoid_zh", "avoid_en", "note")
REQUIRED_COLUMNS = COLUMNS[:2]
# Several forms to avoid are written in one cell, separated by this.
SEPARATOR = "|"


class Term(models.Model):
    """One official term in Traditional Chinese and English."""

    zh_hant = models.CharField(gettext_lazy("Traditional Chinese"), max_length=200, unique=True)
    en = models.CharField(gettext_lazy("English"), max_length=300)
    zh_hans = models.CharField(
        gettext_lazy("Simplified Chinese"),
        max_length=200,
        blank=True,
        help_text=gettext_lazy(
            "Only where character conversion would spoil a name or title: the /zh-hans/ "
            "pages use this form."
        ),
    )
    avoid_zh = models.TextField(
        gettext_lazy("Chinese forms not to use"),
        blank=True,
        help_text=gettext_lazy("One a line: superseded or wrong forms, named with this term."),
    )
    avoid_en = models.TextField(
        gettext_lazy("English forms not to use"),
        blank=True,
        help_text=gettext_lazy("One a line: superseded or wrong forms, named with this term."),
    )
    note = models.TextField(gettext_lazy("note"), blank=True)
    updated_at = models.DateTimeField(gettext_lazy("changed at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=gettext_lazy("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        app_label = "releases"
        ordering = ["en"]
        verbose_name = gettext_lazy("glossary term")
        verbose_name_plural = gettext_lazy("glossary")

    def __str__(self) -> str:
        return f"{self.zh_hant} · {self.en}"

    def avoided(self, language: str) -> tuple[str, ...]:
        written = self.avoid_zh if language == "zh" else self.avoid_en
        return tuple(line.strip() for line in written.splitlines() if line.strip())


@dataclass(frozen=True)
class Current:
    """The glossary as the check and the Simplified view read it."""

    glossary: Glossary
    simplified: dict[str, str]


def current() -> Current:
    """Every term, from the shared cache (one query when it was dropped)."""
    rows = cache.get(CACHE_KEY)
    if rows is None:
        rows = [
            (t.zh_hant, t.en, t.zh_hans, t.avoided("zh"), t.avoided("en"))
            for t in Term.objects.all()
        ]
        cache.set(CACHE_KEY, rows, None)
    entries = [Entry(zh, en, avoid_zh, avoid_en) for zh, en, _hans, avoid_zh, avoid_en in rows]
    simplified = {zh: hans for zh, _en, hans, _az, _ae in rows if hans}
    return Current(Glossary(entries), simplified)


def simplified_forms() -> dict[str, str]:
    """Each term's Simplified form where one is set: what pressroom.simplified keeps."""
    return current().simplified


@receiver(post_save, sender=Term)
@receiver(post_delete, sender=Term)
def _term_changed(**kwargs) -> None:
    from releases import events

    # Dropped once the change commits, so no reader caches the glossary from before it.
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))
    cache.delete(CACHE_KEY)
    # Simplified pages may show a changed form: the page cache starts a new generation.
    events.announce(seen_by_readers=True)


class MalformedGlossary(ValueError):
    """A glossary file that cannot be read; the message names the line.

    In English, as every management command writes to the operator.
    """


def read_csv(data: bytes) -> list[dict[str, str]]:
    """The rows of a glossary CSV (UTF-8, with or without BOM), checked line by line."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise MalformedGlossary(f"The file is not UTF-8 text: {error}.") from error
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [name.strip() for name in next(reader, [])]
    if tuple(header[:2]) != REQUIRED_COLUMNS or not set(header) <= set(COLUMNS):
        raise MalformedGlossary(
            f"Line 1: the columns must be zh_hant,en, then any of {','.join(COLUMNS[2:])}."
        )
    rows, seen = [], set()
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise MalformedGlossary(
                f"Line {line}: {len(row)} columns where the header has {len(header)}."
            )
        values = {name: cell.strip() for name, cell in zip(header, row, strict=True)}
        if not values["zh_hant"] or not values["en"]:
            raise MalformedGlossary(f"Line {line}: zh_hant and en are both needed.")
        if values["zh_hant"] in seen:
            raise MalformedGlossary(
                f"Line {line}: {values['zh_hant']} is already on an earlier line."
            )
        seen.add(values["zh_hant"])
        rows.append(values)
    return rows


def import_rows(rows: list[dict[str, str]], user=None) -> tuple[int, int]:
    """Add and update terms from rows read by read_csv(); return (added, updated)."""
    added = updated = 0
    with transaction.atomic():
        for values in rows:
            fields = {
                name: (
                    "\n".join(part.strip() for part in values[name].split(SEPARATOR))
                    if name.startswith("avoid_")
                    else values[name]
                )
                for name in COLUMNS[1:]
                if name in values
            }
            _term, created = Term.objects.update_or_create(
                zh_hant=values["zh_hant"], defaults={**fields, "updated_by": user}
            )
            added, updated = (added + 1, updated) if created else (added, updated + 1)
    return added, updated


def write_csv(out) -> int:
    """Write every term as a glossary CSV (with a BOM, for spreadsheets); return how many."""
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    terms = Term.objects.order_by("zh_hant")
    for term in terms:
        writer.writerow(
            [
                term.zh_hant,
                term.en,
                term.zh_hans,
                SEPARATOR.join(term.avoided("zh")),
                SEPARATOR.join(term.avoided("en")),
                term.note,
            ]
        )
    return len(terms)
