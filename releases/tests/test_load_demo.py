"""`manage.py load_demo` brings the AEO release and its contact, once."""

import io

import pytest
from django.core.management import call_command

from releases.models import Contact, Release

pytestmark = pytest.mark.django_db


def load_demo() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_load_demo_creates_the_published_release_with_both_translations():
    output = load_demo()

    release = Release.objects.get()
    assert "Loaded the demo release" in output
    assert release.status == Release.Status.PUBLISHED
    assert release.publish_at.isoformat() == "2023-11-30T02:00:00+00:00"
    assert release.safe_translation_getter("title", language_code="zh-hant") == (
        "海關舉辦「東盟及中國香港AEO專家交流會及論壇」"
    )
    assert release.safe_translation_getter("title", language_code="en") == (
        "AEO Expert Mission and Symposium for ASEAN and Hong Kong, China"
    )
    assert release.safe_translation_getter("body", language_code="en").count("\n\n") == 1
    assert release.safe_translation_getter("body", language_code="zh-hant").count("\n\n") == 1


def test_load_demo_makes_its_contact_the_default():
    load_demo()

    contact = Contact.default()
    assert contact.email == "aeo@customs.gov.hk"
    assert Release.objects.get().contact == contact
    assert contact.safe_translation_getter("office", language_code="en") == (
        "Office of Trade Relations and Public Communication"
    )


def test_load_demo_twice_leaves_one_release_and_one_contact():
    load_demo()
    output = load_demo()

    assert "Updated the demo release" in output
    assert Release.objects.count() == 1
    assert Contact.objects.count() == 1
    assert Release.objects.get().translations.count() == 2
