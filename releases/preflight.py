"""The check publishing asks before a release goes out: do both languages state the same facts?

releases.facts compares texts; this module gives it a release's title and body
in each language, the release's own year and the glossary, and keeps what
publishers marked "checked: as intended". publishing.problems() holds a
release with a finding left unchecked; a draft is only shown its findings.
"""

import json
from collections.abc import Iterable
from datetime import datetime

from django.utils import timezone, translation

from pressroom.languages import CHINESE, ENGLISH, LANGUAGE_CODES
from releases import glossary
from releases.checked_findings import CheckedFinding
from releases.facts import Finding, Texts, check
from releases.translation_state import translation_or_none


def texts_of(release) -> Texts | None:
    """Both titles and bodies as they stand on the instance; None while a language is missing."""
    chinese, english = translation_or_none(release, CHINESE), translation_or_none(release, ENGLISH)
    if chinese is None or english is None:
        return None
    return Texts(chinese.title or "", chinese.body or "", english.title or "", english.body or "")


def findings(release) -> list[Finding]:
    """Every disagreement between the release's two languages, as its text stands now."""
    texts = texts_of(release)
    if texts is None:
        return []
    year = timezone.localtime(release.publish_at).year if release.publish_at else None
    return check(texts, year=year, glossary=glossary.current().glossary)


def checked(release) -> dict[str, CheckedFinding]:
    """The findings of this release publishers marked as intended, by key."""
    if release.pk is None:
        return {}
    rows = CheckedFinding.objects.filter(release=release).select_related("checked_by")
    return {row.key: row for row in rows}


def unchecked(release, found: list[Finding], also: Iterable[str] = ()) -> list[Finding]:
    """The findings no publisher has marked as intended (`also`: keys this save marks)."""
    if not found:
        return []
    done = set(checked(release)) | set(also)
    return [finding for finding in found if finding.key not in done]


def record_checked(release, keys: Iterable[str], user, now: datetime) -> list[Finding]:
    """Keep the publisher's "checked: as intended" on each current finding named by `keys`.

    A key of text since changed names no current finding and is passed over.
    Return the findings recorded, for the history.
    """
    keys = set(keys)
    if not keys:
        return []
    recorded = [finding for finding in findings(release) if finding.key in keys]
    already = set(checked(release))
    for finding in recorded:
        if finding.key in already:
            continue
        CheckedFinding.objects.create(
            release=release,
            key=finding.key,
            finding=json.dumps(in_each_language(finding), ensure_ascii=False),
            checked_by=user,
            checked_at=now,
        )
    return recorded


def in_each_language(finding: Finding) -> dict[str, str]:
    """The finding's words in each interface language, as the history keeps them."""
    written = {}
    for code in LANGUAGE_CODES:
        with translation.override(code):
            written[code] = finding.message()
    return written
