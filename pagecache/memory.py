"""A worker's own copies of the pages it answered last, within a budget of bytes.

A page's key names the content version it was rendered for, so a copy kept
under the key that the shared cache's generation gives now is exactly the
page the shared cache holds under it. Answering from the copy leaves one
small read of the shared cache per request, the generation, instead of the
page too: a round trip to Redis and a page's bytes unpickled fewer.
"""

from collections import OrderedDict
from threading import Lock
from typing import Protocol


class Page(Protocol):
    content: bytes


class RecentPages:
    """The pages a worker answered most recently, the least recent dropped first."""

    def __init__(self, budget_bytes: int) -> None:
        self.budget_bytes = budget_bytes
        self._pages: OrderedDict[str, Page] = OrderedDict()
        self._bytes = 0
        # A threaded server's requests share the worker's copies.
        self._lock = Lock()

    def get(self, key: str) -> Page | None:
        with self._lock:
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
            return page

    def keep(self, key: str, page: Page) -> None:
        size = len(page.content)
        if size > self.budget_bytes:
            return
        with self._lock:
            if key in self._pages:
                return
            self._pages[key] = page
            self._bytes += size
            while self._bytes > self.budget_bytes:
                _key, dropped = self._pages.popitem(last=False)
                self._bytes -= len(dropped.content)
