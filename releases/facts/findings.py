"""Both languages compared: every fact one states that the other does not, as findings.

`check()` reads each language's title and body paragraph by paragraph (codes
and addresses first, then dates and times, then figures, each masking what it
took), and the glossary's terms. A fact is stated by the other language when
that language has a fact of its kind with the same value (a bare figure
matches a figure with a unit; a date without a year matches any year). What is
left becomes findings, naming both sides' values: "English: about $25 million ·
中文：約250萬元".
"""

import hashlib
import json
from dataclasses import dataclass, field

from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _

from releases.facts import contacts, dates, figures
from releases.facts.terms import AVOIDED, TERM, Glossary
from releases.facts.text import CHINESE_SIDE, ENGLISH_SIDE, Fact, normalise, paragraphs

MISSING_PARAGRAPH = "paragraph"
# The kinds compared between the languages, in the order findings are listed.
COMPARED = (
    figures.KIND,
    dates.DATE,
    dates.TIME,
    dates.WEEKDAY,
    contacts.PHONE,
    contacts.EMAIL,
    contacts.URL,
    contacts.CODE,
    contacts.HS_CODE,
    TERM,
)
_OTHER = {ENGLISH_SIDE: CHINESE_SIDE, CHINESE_SIDE: ENGLISH_SIDE}


@dataclass(frozen=True)
class Texts:
    """A release's title and body in each language, as the check reads them."""

    title_zh: str
    body_zh: str
    title_en: str
    body_en: str

    def digest(self) -> str:
        joined = "\x00".join((self.title_zh, self.body_zh, self.title_en, self.body_en))
        return hashlib.sha256(joined.encode()).hexdigest()


@dataclass(frozen=True)
class Finding:
    """One disagreement: its kind, what each side writes, and the paragraph (0 = title) of each.

    `key` names this finding of these texts: a publisher's "checked: as
    intended" is kept under it, so any change to the text asks again.
    """

    kind: str
    english: tuple[str, ...]
    chinese: tuple[str, ...]
    paragraph_en: int | None
    paragraph_zh: int | None
    detail: str = ""
    key: str = field(default="", compare=False)

    @property
    def paragraph(self) -> int:
        """The paragraph the desk shows the finding beside: the first of the two."""
        return min(p for p in (self.paragraph_en, self.paragraph_zh) if p is not None)

    def signature(self) -> str:
        return json.dumps([self.kind, self.english, self.chinese, self.detail], ensure_ascii=False)

    def message(self) -> str:
        """The finding in words, in the interface's language, naming both sides' values."""
        english = " / ".join(self.english) or _("not stated")
        chinese = " / ".join(self.chinese) or _("not stated")
        if self.kind == dates.WRONG_WEEKDAY:
            return _("%(date)s: that day is a %(actual)s.") % {
                "date": (self.english or self.chinese)[0],
                "actual": WEEKDAYS[int(self.detail)],
            }
        if self.kind == TERM:
            return (
                _("Glossary: %(chinese)s is “%(english)s” in English; one language lacks it.")
                % {
                    "chinese": self.detail.split("\x00")[0],
                    "english": self.detail.split("\x00")[1],
                }
                + " "
                + _("English: %(english)s · 中文：%(chinese)s")
                % {
                    "english": english,
                    "chinese": chinese,
                }
            )
        if self.kind == AVOIDED:
            return _("Glossary: “%(avoided)s” is not to be used; write “%(preferred)s”.") % {
                "avoided": (self.english or self.chinese)[0],
                "preferred": self.detail,
            }
        if self.kind == MISSING_PARAGRAPH:
            return _(
                "A paragraph is in one language only (the paragraph counts differ); "
                "its facts are not in the other. English: %(english)s · 中文：%(chinese)s"
            ) % {"english": english, "chinese": chinese}
        return _("%(kind)s differ. English: %(english)s · 中文：%(chinese)s") % {
            "kind": kind_label(self.kind),
            "english": english,
            "chinese": chinese,
        }


def kind_label(kind: str) -> str:
    return {
        figures.KIND: _("Figures"),
        dates.DATE: _("Dates"),
        dates.TIME: _("Times"),
        dates.WEEKDAY: _("Weekdays"),
        contacts.PHONE: _("Phone numbers"),
        contacts.EMAIL: _("Email addresses"),
        contacts.URL: _("Web addresses"),
        contacts.CODE: _("Case or licence numbers"),
        contacts.HS_CODE: _("HS codes"),
    }[kind]


def read(
    title: str, body: str, side: str, year: int | None, glossary: Glossary
) -> list[list[Fact]]:
    """Every fact of one language, paragraph by paragraph (the title is paragraph 0)."""
    result = []
    for number, paragraph in enumerate(paragraphs(normalise(title), normalise(body))):
        found, masked = contacts.find(paragraph, number)
        reader = dates.english if side == ENGLISH_SIDE else dates.chinese
        on_dates, masked = reader(masked, number, year)
        reader = figures.english if side == ENGLISH_SIDE else figures.chinese
        on_figures, masked = reader(masked, number)
        terms = (glossary.english if side == ENGLISH_SIDE else glossary.chinese)(paragraph, number)
        result.append(found + on_dates + on_figures + terms)
    return result


def check(
    texts: Texts, *, year: int | None = None, glossary: Glossary | None = None
) -> list[Finding]:
    """Every disagreement between the two languages of `texts`; `year` is the release's own."""
    glossary = glossary or Glossary()
    sides = {
        ENGLISH_SIDE: read(texts.title_en, texts.body_en, ENGLISH_SIDE, year, glossary),
        CHINESE_SIDE: read(texts.title_zh, texts.body_zh, CHINESE_SIDE, year, glossary),
    }
    flat = {side: [fact for part in parts for fact in part] for side, parts in sides.items()}
    unmatched = {side: _unmatched(flat[side], flat[_OTHER[side]], year) for side in sides}
    findings = _missing_paragraphs(sides, unmatched)
    findings += _one_sided(flat, glossary)
    for kind in COMPARED:
        findings += _paired(kind, unmatched, glossary)
    digest = texts.digest()
    return [Finding(**{**finding.__dict__, "key": _key(finding, digest)}) for finding in findings]


def _key(finding: Finding, digest: str) -> str:
    return hashlib.sha256(f"{finding.signature()}\x00{digest}".encode()).hexdigest()


def same(fact: Fact, other: Fact) -> bool:
    """Whether `other` states what `fact` states."""
    if fact.kind != other.kind:
        return False
    if fact.kind == dates.DATE:
        (year, month, day), (other_year, other_month, other_day) = fact.value, other.value
        return (month, day) == (other_month, other_day) and (
            year == other_year or None in (year, other_year)
        )
    if fact.kind == dates.TIME and dates.TWELVE_HOUR in (fact.unit, other.unit):
        return fact.value[0] % 12 == other.value[0] % 12 and fact.value[1] == other.value[1]
    if fact.value != other.value:
        return False
    return fact.kind != figures.KIND or None in (fact.unit, other.unit) or fact.unit == other.unit


def _bucket(fact: Fact) -> tuple:
    """What two facts must share to be the same: facts are compared only within a bucket."""
    if fact.kind == dates.DATE:
        return (fact.kind, *fact.value[1:])
    if fact.kind == dates.TIME:
        return (fact.kind, fact.value[0] % 12, fact.value[1])
    return (fact.kind, fact.value)


def _unmatched(facts: list[Fact], others: list[Fact], year: int | None) -> list[Fact]:
    buckets: dict[tuple, list[Fact]] = {}
    for other in others:
        buckets.setdefault(_bucket(other), []).append(other)
    result, seen = [], set()
    for fact in facts:
        if fact.kind not in COMPARED:
            continue
        if any(same(fact, other) for other in buckets.get(_bucket(fact), ())):
            continue
        if fact.kind == figures.KIND and fact.unit is None and fact.value == year:
            continue  # the release's own year, which the other language may leave unsaid
        if (fact.kind, fact.value, fact.unit) not in seen:
            seen.add((fact.kind, fact.value, fact.unit))
            result.append(fact)
    return result


def _missing_paragraphs(sides: dict, unmatched: dict) -> list[Finding]:
    """A paragraph in one language only: the counts differ and none of its facts is in the other.

    Its facts are named once, here, and taken out of the findings by kind.
    """
    counts = {side: len(parts) for side, parts in sides.items()}
    if counts[ENGLISH_SIDE] == counts[CHINESE_SIDE]:
        return []
    longer = max(counts, key=counts.get)
    findings = []
    for number, facts in enumerate(sides[longer][1:], start=1):
        compared = [fact for fact in facts if fact.kind in COMPARED and not fact.weak]
        if compared and all(_in(fact, unmatched[longer]) for fact in compared):
            written = tuple(dict.fromkeys(fact.text for fact in compared))
            unmatched[longer] = [fact for fact in unmatched[longer] if fact not in compared]
            english, chinese = (written, ()) if longer == ENGLISH_SIDE else ((), written)
            paragraph_en, paragraph_zh = (
                (number, None) if longer == ENGLISH_SIDE else (None, number)
            )
            findings.append(
                Finding(MISSING_PARAGRAPH, english, chinese, paragraph_en, paragraph_zh)
            )
    return findings


def _in(fact: Fact, facts: list[Fact]) -> bool:
    return any((f.kind, f.value, f.unit) == (fact.kind, fact.value, fact.unit) for f in facts)


def _one_sided(flat: dict, glossary: Glossary) -> list[Finding]:
    """Findings within one language: a weekday the calendar contradicts, a form to avoid."""
    findings = []
    for side, facts in flat.items():
        for fact in facts:
            if fact.kind == dates.WRONG_WEEKDAY:
                detail = str(fact.value[1])
            elif fact.kind == AVOIDED:
                entry = glossary.entries[fact.value]
                detail = entry.en if side == ENGLISH_SIDE else entry.zh_hant
            else:
                continue
            written = (fact.text,)
            english, chinese = (written, ()) if side == ENGLISH_SIDE else ((), written)
            at = (fact.paragraph, None) if side == ENGLISH_SIDE else (None, fact.paragraph)
            finding = Finding(fact.kind, english, chinese, *at, detail=detail)
            if finding not in findings:
                findings.append(finding)
    return findings


def _paired(kind: str, unmatched: dict, glossary: Glossary) -> list[Finding]:
    """Each side's unmatched facts of one kind, paired (same unit first) into findings.

    A weak fact (a word that may not be a count) is held only against an
    unmatched weak fact of its kind in the other language: 兩年 against "three
    years", never "the first day" against a figure changed elsewhere.
    """
    left = {side: [f for f in facts if f.kind == kind] for side, facts in unmatched.items()}
    weak = {side: any(fact.weak for fact in facts) for side, facts in left.items()}
    for side in left:
        if not weak[_OTHER[side]]:
            left[side] = [fact for fact in left[side] if not fact.weak]
    findings = []
    english, chinese = left[ENGLISH_SIDE], left[CHINESE_SIDE]
    if kind == TERM:
        for fact in english + chinese:
            entry = glossary.entries[fact.value]
            side_en = fact in english
            findings.append(
                Finding(
                    TERM,
                    (fact.text,) if side_en else (),
                    () if side_en else (fact.text,),
                    fact.paragraph if side_en else None,
                    None if side_en else fact.paragraph,
                    detail=f"{entry.zh_hant}\x00{entry.en}",
                )
            )
        return findings
    while english:
        fact = english.pop(0)
        partner = next(
            (f for f in chinese if f.unit == fact.unit), chinese[0] if chinese else None
        )
        if partner is not None:
            chinese.remove(partner)
        findings.append(_pair(kind, fact, partner))
    findings += [_pair(kind, None, fact) for fact in chinese]
    return findings


def _pair(kind: str, english: Fact | None, chinese: Fact | None) -> Finding:
    return Finding(
        kind,
        (english.text,) if english else (),
        (chinese.text,) if chinese else (),
        english.paragraph if english else None,
        chinese.paragraph if chinese else None,
    )
