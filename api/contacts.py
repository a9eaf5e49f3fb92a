"""/contacts: the offices that issue releases, with their addresses in both languages."""

from django.http import HttpRequest
from django.utils.translation import gettext_noop
from ninja import Query, Router

from api.parameters import LanguageParameters
from api.representations import contact_data
from api.schemas import Contact, Error
from releases.models import ContactTranslation
from releases.prefetch import with_their_translations

router = Router(tags=["contacts"])


@router.get(
    "",
    response={200: list[Contact], 400: Error},
    summary=gettext_noop("List contacts"),
    description=gettext_noop("Every issuing office, by id, named in both languages."),
)
def list_contacts(request: HttpRequest, parameters: Query[LanguageParameters]) -> list[dict]:
    """Every contact, by id, in one query."""
    languages = parameters.languages()
    contacts = with_their_translations(ContactTranslation.objects.all(), "pk")
    return [contact_data(contact, languages) for contact in contacts]
