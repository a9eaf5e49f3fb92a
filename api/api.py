"""The read-only open-data API, version 1: one NinjaAPI, a router per resource."""

from ninja import NinjaAPI
from ninja.renderers import JSONRenderer

from api import contacts, errors, releases, topics
from api.docs import ReferencePage


class UnicodeJSONRenderer(JSONRenderer):
    # Chinese as characters, not \u escapes: half the bytes, and readable.
    json_dumps_params = {"ensure_ascii": False}


# The department's terms for reusing its data: free, with attribution (see docs/api.md).
TERMS_URL = "https://data.gov.hk/en/terms-and-conditions"

api = NinjaAPI(
    title="香港海關 Customs and Excise Department: press releases API",
    version="1",
    # Relative to the document's own address, so it is right on every deployment.
    servers=[{"url": "/", "description": "This site"}],
    openapi_extra={
        "info": {
            "termsOfService": TERMS_URL,
            "license": {
                "name": "Free reuse with attribution (DATA.GOV.HK terms)",
                "url": TERMS_URL,
            },
        }
    },
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
