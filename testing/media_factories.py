"""Journalists for the media desk's tests, as applying and approval through the site leave them."""

from datetime import timedelta

from django.utils import timezone

from media.models import Journalist, Languages
from pressroom.languages import CHINESE, ENGLISH


def journalist(
    email: str = "ada@example.news",
    name: str = "Ada Lam",
    outlet: str = "Harbour Daily",
    languages: str = Languages.BOTH,
    beats=(),
    accredited: bool = True,
    language: str = "",
    **fields,
) -> Journalist:
    """Make a journalist; accredited (for a year from now) unless told otherwise."""
    now = timezone.now()
    if accredited:
        fields.setdefault("accredited_at", now)
        fields.setdefault("accredited_until", now + timedelta(days=365))
    person = Journalist.objects.create(
        email=email,
        name=name,
        outlet=outlet,
        phone="+852 2815 7711",
        languages=languages,
        language=language or (ENGLISH if languages == Languages.ENGLISH else CHINESE),
        email_confirmed_at=now,
        **fields,
    )
    person.beats.set(beats)
    return person


def sign_in(client, person: Journalist, language: str = "en"):
    """Sign a client in as a journalist, by a sign-in link as the email would give it."""
    from media import links
    from media.models import SignInLink

    link = SignInLink.objects.create(journalist=person)
    response = client.post(f"/{language}/media/sign-in/{links.sign_in_token(link)}/")
    assert response.status_code == 302, response
    return client
