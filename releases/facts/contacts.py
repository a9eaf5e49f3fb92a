"""Contacts and codes, written alike in both languages but easily mistyped in one.

Phone numbers (2545 6128, 25456128, +852 2545 6128, the hotline 182 8080),
email addresses, web addresses (the same page in each language's folder,
/en/ against /tc/, is one address), case and licence numbers (ESCC 1234/2023,
TL123456) and HS codes (2402.20). Each is read to one normal form.
"""

import re

from releases.facts.text import Fact, extract

PHONE, EMAIL, URL, CODE, HS_CODE = "phone", "email", "url", "code", "hs-code"

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.ASCII)
# An address ends at a space or at the Chinese text written straight after it.
_URL = re.compile(r"(?:https?://|www\.)[^\s<>()\u3000-\u9fff\uff00-\uffef]+", re.IGNORECASE)
_PHONE = re.compile(
    r"(?<![\d,.$])(?:\(?\+?852\)? ?)?(?P<number>[2-9]\d{3} ?\d{4}|1\d{2} ?\d{4})(?![\d,]|\.\d)"
)
_HS_CODE = re.compile(r"(?<![\d.,$])\d{4}\.\d{2}(?:\.\d{2}){0,2}(?![\d.]\d)")
# Latin letters and digits only around a code: Chinese text may be written right up to one.
_CODE = re.compile(
    r"(?<![A-Za-z0-9/])(?:[A-Z]{1,6}[ /-]?)?\d{1,6}(?:/\d{2,4})+(?![A-Za-z0-9/])"
    r"|(?<![A-Za-z0-9/])[A-Z]{1,6}[ -]?\d{3,}[A-Z0-9-]*(?![A-Za-z0-9/])"
)
# The folders a bilingual site keeps each language's pages in.
_LANGUAGE_FOLDERS = re.compile(
    r"/(?:en|eng|english|tc|tc_chi|chi|chinese|sc|sc_chi|zh|zh-hk|zh-hant|zh-hans|zh_hk)(?=/|$)",
    re.IGNORECASE,
)
_HINTS = {
    URL: re.compile(r"http|www\.", re.IGNORECASE),
    EMAIL: re.compile("@"),
    HS_CODE: re.compile(r"\d{4}\.\d\d"),
    CODE: re.compile(r"[A-Z][ -]?\d{3}|\d/\d\d"),
    PHONE: re.compile(r"\d{3} ?\d{4}"),
}
_TRAILING = ".,:;!?'\"’”)]"


def find(text: str, paragraph: int) -> tuple[list[Fact], str]:
    """Every address, phone number and code in a paragraph of either language; the rest masked."""
    readers = (
        (URL, _URL, lambda m: _url(m[0], paragraph)),
        (EMAIL, _EMAIL, lambda m: Fact(EMAIL, m[0].lower().rstrip("."), m[0], paragraph)),
        (HS_CODE, _HS_CODE, lambda m: Fact(HS_CODE, m[0], m[0], paragraph)),
        (CODE, _CODE, lambda m: Fact(CODE, re.sub(r"[ -]", "", m[0]), m[0], paragraph)),
        (
            PHONE,
            _PHONE,
            lambda m: Fact(PHONE, m["number"].replace(" ", ""), m[0].strip(), paragraph),
        ),
    )
    facts: list[Fact] = []
    for kind, pattern, make in readers:
        found, text = extract(pattern, text, make, _HINTS[kind])
        facts += found
    return facts, text


def _url(written: str, paragraph: int) -> Fact:
    written = written.rstrip(_TRAILING)
    address = re.sub(r"^https?://", "", written, flags=re.IGNORECASE)
    host, _, path = address.partition("/")
    path = _LANGUAGE_FOLDERS.sub("/*", "/" + path).rstrip("/")
    return Fact(URL, host.lower() + path, written, paragraph)
