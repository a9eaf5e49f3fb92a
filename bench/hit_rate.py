"""How often the page cache answers links as readers bring them: with tracking parameters.

A fixed, seeded mix of the public pages in the three languages, most of them
carrying what social media, newsletters and ads add to a shared link
(`fbclid`, `gclid`, `utm_*`, each with a value of its own). Sent one by one to a
server with a page cache of its own that starts empty, the mix's hit rate is
one minus the pages the cache came to hold (pages only: not the counts and
content versions it also keeps) over the requests sent; the best
possible is one minus the distinct pages over the requests.
"""

import pickle
import random
import secrets
import zlib
from pathlib import Path

import measure

REQUESTS = 2_000
LANGUAGES = ("zh-hant", "en", "zh-hans")
PAGES = (
    "/{language}/",
    "/{language}/releases/",
    "/{language}/releases/?page=2",
    "/{language}/releases/?year=2015",
    "/{language}/feed/",
    "{release}",
)


def tracking(chance: random.Random) -> str:
    """Return what a link shared on one platform or another arrives with, or nothing."""
    value = secrets.token_urlsafe(12)
    return chance.choice(
        [
            "",
            f"fbclid=IwAR{value}",
            f"gclid={value}",
            "utm_source=facebook&utm_medium=social&utm_campaign=release",
            f"utm_source=newsletter&utm_medium=email&utm_content={value}",
            f"ref=homepage&utm_term={value}",
        ]
    )


def mix(release: str, count: int = REQUESTS, seed: int = 14) -> list[tuple[str, str]]:
    """Return `count` pages, each with the address it is asked by, drawn with a fixed seed."""
    chance = random.Random(seed)
    asked = []
    for _ in range(count):
        language = chance.choice(LANGUAGES)
        page = chance.choice(PAGES).format(
            language=language, release=release.replace("/zh-hant/", f"/{language}/", 1)
        )
        extra = tracking(chance)
        asked.append((page, f"{page}{'&' if '?' in page else '?'}{extra}" if extra else page))
    return asked


def pages_in(cache_dir: Path) -> set[bytes]:
    """Return the pages a file cache holds, leaving out what else it keeps (counts, versions).

    Each file is a pickled expiry time, then the zlib-compressed pickle of the
    value; a page's names its class, which is read without unpickling anything.
    A page is kept twice, for its content version and as its address's last
    page (what readers get while it is rendered again): the same bytes, one page.
    """
    pages = set()
    for entry in cache_dir.glob("*.djcache"):
        with entry.open("rb") as stored:
            pickle.load(stored)  # the expiry time, a float
            value = zlib.decompress(stored.read())
            if b"CachedPage" in value:
                pages.add(value)
    return pages


def hit_rate(port: int, cache_dir: Path, release: str) -> dict:
    """Send the mix to a server whose file cache is `cache_dir`; return its hit rate."""
    asked = mix(release)
    before = pages_in(cache_dir)
    statuses = [measure.get(port, url)[0] for _page, url in asked]
    stored = len(pages_in(cache_dir) - before)
    return {
        "requests": len(asked),
        "with_tracking": sum(page != url for page, url in asked),
        "not_200": sum(status != 200 for status in statuses),
        "pages_stored": stored,
        "hit_rate": 1 - stored / len(asked),
        "best_possible": 1 - len({page for page, _url in asked}) / len(asked),
    }
