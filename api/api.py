"""The read-only open-data API, version 1: one NinjaAPI, a router per resource."""

from ninja import NinjaAPI
from ninja.renderers import JSONRenderer

from api import contacts, errors, releases, topics
from api.docs import ReferencePage


class UnicodeJSONRenderer(JSONRenderer):
    # Chinese as characters, not \u escapes: half the bytes, and readable.
    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    title="Pressroom open data API",
    version="1",
    description=(
        "Every public press release of the Customs and Excise Department, in Traditional "
        "Chinese and English, with its topics, contact, images, attachments, corrections "
        "and withdrawal. Read-only, no key, JSON."
    ),
    urls_namespace="api",
    renderer=UnicodeJSONRenderer(),
    docs=ReferencePage(),
)
api.add_router("/releases", releases.router)
api.add_router("/topics", topics.router)
api.add_router("/contacts", contacts.router)
errors.connect(api)
