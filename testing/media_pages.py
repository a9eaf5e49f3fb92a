"""The media desk's pages and emails, for the checks that read every page of the site."""

from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from alerts.models import Languages
from media import links, mail
from media.models import EmbargoDelivery, SignInLink
from releases.models import Release
from testing.factories import make_embargoed
from testing.media_factories import journalist

HOUR = timedelta(hours=1)
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def read_media_pages(pages, clock) -> Release:
    """Read every media page in each language through `pages` (see test_html_validity)."""
    now = timezone.now()
    release = make_embargoed(media_at=now + HOUR, publish_at=now + 3 * HOUR)
    person = journalist(language="en")
    applicant = journalist("new@example.news", accredited=False)
    clock.move_to(now + HOUR + timedelta(minutes=1))
    for language in LANGUAGE_CODES:
        with translation.override(language):
            confirm = reverse("media:confirm", args=[links.confirm_token(applicant.pk)])
            link = SignInLink.objects.create(journalist=person)
            signed_in = reverse("media:signed-in", args=[links.sign_in_token(link)])
        media = f"/{language}/media/"
        pages.get(f"media: apply ({language})", media)
        pages.post(f"media: apply refused ({language})", media, {"email": "x"}, 400)
        pages.get(f"media: check your email ({language})", f"{media}check-your-email/")
        pages.get(f"media: confirm ({language})", confirm)
        pages.post(f"media: confirmed ({language})", confirm, {}, 200)
        pages.get(f"media: sign in ({language})", f"{media}sign-in/")
        pages.post(
            f"media: sign-in link sent ({language})",
            f"{media}sign-in/",
            {"email": "x@example.org"},
            200,
        )
        pages.get(f"media: link no longer valid ({language})", f"{media}sign-in/x/", 404)
        pages.get(f"media: sign in by the link ({language})", signed_in)
        pages.client.post(signed_in)
        pages.get(f"media: room ({language})", f"{media}room/")
        pages.get(f"media: settings ({language})", f"{media}room/settings/")
        pages.post(
            f"media: settings refused ({language})", f"{media}room/settings/", {"beats": "x"}, 400
        )
        pages.get(f"media: embargoed copy ({language})", f"{media}room/releases/{release.pk}/")
        response = pages.client.post(f"{media}sign-out/")
        assert response.status_code == 302
    # Signing out answers with a redirect to the sign-in page, read above.
    pages.routes.add("media/sign-out/")
    return release


def media_emails(release: Release) -> dict[str, str]:
    """The HTML part of each embargo email, in each choice of languages, and of a notice."""
    found = {}
    for languages in Languages:
        person = journalist(f"{languages}@example.news", languages=languages)
        for kind in EmbargoDelivery.Kind:
            delivery = EmbargoDelivery(journalist=person, release=release, kind=kind, revision=1)
            found[f"media email: {kind} ({languages})"] = mail.embargo_email(
                delivery, Release.objects.get_for_page(release.pk)
            ).html
        with translation.override(person.language):
            notice = mail.notice(person, "Subject", ["A paragraph."], "Sign in")
        found[f"media email: notice ({languages})"] = notice.html
    return found
