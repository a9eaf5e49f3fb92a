"""What `make bench` measures: the two sizes of database, and the pages asked of both."""

from urllib.parse import quote

SIZES = (100, 100_000)

PAGES = {
    "home": "/zh-hant/",
    "release": None,  # the demo release's address, asked of the server
    "archive page 1": "/zh-hant/releases/",
    "archive page 2,000": "/zh-hant/releases/?page=2000",
    "year filter": "/zh-hant/releases/?year=2015",
    "topic filter": "/zh-hant/releases/?topic=drug-enforcement",
    # In almost every release; in the demo release only; in almost every release; two words.
    "search 海關": f"/zh-hant/releases/?q={quote('海關')}",
    "search 柬埔寨 (rare)": f"/zh-hant/releases/?q={quote('柬埔寨')}",
    "search customs": "/en/releases/?q=customs",
    "search seized cocaine": "/en/releases/?q=seized+cocaine",
    "API list": "/api/v1/releases",
    "API release": "/api/v1/releases/1",
}
SEARCHES = tuple(name for name in PAGES if name.startswith("search "))
ARCHIVE = "archive page 1"
# Measured twice: asked again (the counts kept from the last request), and asked for the
# first time (the servers' caches emptied before each request), as a reader meets almost
# every search and, after each publish, every list.
FIRST_TIME = (*SEARCHES, ARCHIVE, "year filter", "topic filter")
# Pages measured at 100,000 against another page at 100, a full page of 20 like theirs:
# among 100 releases there is no page 2,000, and a year or a topic holds about 5 or 16.
BASELINES = {name: ARCHIVE for name in ("archive page 2,000", "year filter", "topic filter")}
