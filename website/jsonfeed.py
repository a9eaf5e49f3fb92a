"""JSON Feed 1.1 (jsonfeed.org) as a generator for Django's syndication framework.

A feed class chooses it with `feed_type = JSONFeed`, beside RSS and Atom, and may
give each item its HTML through `item_extra_kwargs` ({"content_html": ...});
without it an item carries its description as text, since every item needs one.
The feed's `hubs` (WebSub) are listed when the feed class gives them.
"""

import json
from datetime import datetime
from typing import IO

from django.utils.feedgenerator import SyndicationFeed

VERSION = "https://jsonfeed.org/version/1.1"


def _time(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _without_blanks(fields: dict) -> dict:
    # The format leaves out what is unknown rather than writing null.
    return {name: value for name, value in fields.items() if value not in (None, "", [])}


class JSONFeed(SyndicationFeed):
    content_type = "application/feed+json; charset=utf-8"

    def document(self) -> dict:
        """Return the feed as JSON Feed 1.1's top-level object."""
        feed = self.feed
        authors = [{"name": feed["author_name"]}] if feed.get("author_name") else []
        return _without_blanks(
            {
                "version": VERSION,
                "title": feed["title"],
                "home_page_url": feed["link"],
                "feed_url": feed["feed_url"],
                "description": feed["description"],
                "language": feed["language"],
                "authors": authors,
                "hubs": [{"type": "WebSub", "url": hub} for hub in feed.get("hubs", ())],
                "items": [self.item(item) for item in self.items],
            }
        )

    def item(self, item: dict) -> dict:
        content = (
            {"content_html": item["content_html"]}
            if item.get("content_html")
            else {"content_text": item["description"]}
        )
        return _without_blanks(
            {
                "id": item["unique_id"] or item["link"],
                "url": item["link"],
                "title": item["title"],
                "summary": item["description"],
                **content,
                "date_published": _time(item["pubdate"]),
                "date_modified": _time(item["updateddate"]),
            }
        )

    def write(self, outfile: IO[str], encoding: str) -> None:
        # Characters as they are, so the Simplified view can convert the Chinese text.
        json.dump(self.document(), outfile, ensure_ascii=False)
