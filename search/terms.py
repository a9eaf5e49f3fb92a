"""The tokenizer: text and queries folded into the one form the index holds."""

import re
import threading
import unicodedata

import Stemmer

from pressroom.languages import CJK, is_cjk
from pressroom.simplified import to_simplified

# A query is cut to this many characters and terms: enough for any real search,
# and a bound on the work a hostile query can ask for.
MAX_QUERY_LENGTH = 200
MAX_QUERY_TERMS = 24

_TOKEN = re.compile(rf"[{CJK}]+|[^\W_{CJK}]+")
_POSSESSIVE = re.compile(r"['’]s\b", re.IGNORECASE)

# A Stemmer object must not be shared between threads (the development server runs several).
_stemmers = threading.local()


def clean_query(query: str) -> str:
    """Return a query as a reader meant it: no control characters, one space between words."""
    printable = "".join(" " if unicodedata.category(char)[0] in "CZ" else char for char in query)
    return " ".join(printable.split())[:MAX_QUERY_LENGTH]


def fold(text: str) -> str:
    """Return text in the one form that is indexed: NFKC, lowercase, Simplified."""
    return to_simplified(unicodedata.normalize("NFKC", text).casefold())


def stem(word: str) -> str:
    """Return an English word's Snowball stem, so seize, seizes, seized and seizing meet.

    The same function serves the index and the query, so both always agree.
    Words in other scripts are kept as they are.
    """
    if not word.isascii():
        return word
    english = getattr(_stemmers, "english", None)
    if english is None:
        english = _stemmers.english = Stemmer.Stemmer("english")
    return english.stemWord(word)


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(fold(_POSSESSIVE.sub("", text)))


def document_terms(text: str) -> list[str]:
    """Return the terms that index text: CJK characters and pairs, stemmed Latin words."""
    terms = []
    for token in _tokens(text):
        if is_cjk(token):
            terms.extend(token)
            terms.extend(token[i : i + 2] for i in range(len(token) - 1))
        else:
            terms.append(stem(token))
    return terms


def query_terms(query: str) -> list[str]:
    """Return the distinct terms a query must all match, in the order typed.

    A run of Chinese characters asks for its overlapping pairs (a lone
    character for itself), which the document holds wherever the run appears.
    """
    terms: list[str] = []
    for token in _tokens(query[:MAX_QUERY_LENGTH]):
        if not is_cjk(token):
            terms.append(stem(token))
        elif len(token) == 1:
            terms.append(token)
        else:
            terms.extend(token[i : i + 2] for i in range(len(token) - 1))
    return list(dict.fromkeys(terms))[:MAX_QUERY_TERMS]
