"""Which requests for a private page count as it being opened by a person.

Mail servers, chat apps and security scanners fetch a link as soon as it is
sent, to check it or to show a preview: their requests must not make the
desk's "times opened" say that a reviewer (review/) or a journalist (media/)
has read the release.
"""

import re

from django.http import HttpRequest

# What link checkers and preview fetchers name themselves: crawlers and bots, chat
# apps' unfurlers, mail scanners and the clients scripts use.
_NOT_A_PERSON = re.compile(
    r"bot\b|bot/|crawl|spider|slurp|preview|scan|check|monitor|validator|proofpoint|barracuda"
    r"|mimecast|facebookexternalhit|whatsapp|slack|discord|skype|microsoft office"
    r"|curl|wget|python|java/|go-http|okhttp|libwww|httpclient|headless",
    re.IGNORECASE,
)


def opened_by_a_person(request: HttpRequest) -> bool:
    """A page load a reader's browser made: a GET, not a prefetch, from a browser.

    HEAD is what link checkers send; a browser loading a page sends GET. Browsers
    that fetch a page ahead of a click say so (`Sec-Purpose`, `Purpose`). A request
    that names no browser at all is a script's.
    """
    if request.method != "GET":
        return False
    purpose = request.headers.get("Sec-Purpose", "") or request.headers.get("Purpose", "")
    if "prefetch" in purpose.lower() or "prerender" in purpose.lower():
        return False
    user_agent = request.headers.get("User-Agent", "")
    return user_agent.startswith("Mozilla/") and not _NOT_A_PERSON.search(user_agent)
