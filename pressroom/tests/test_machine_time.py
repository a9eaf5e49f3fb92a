"""Times written for machines are Hong Kong time to the second, wherever they are written."""

import json
import re
from datetime import UTC, datetime

import pytest
import time_machine
from django.template import Context, Template

from pressroom.machine_time import machine_time
from testing.factories import add_change_note
from testing.pages import detail_path

pytestmark = pytest.mark.django_db

# 15:30:15 and a fraction in Hong Kong, as `timezone.now()` gives a moment.
CORRECTED = datetime(2026, 6, 1, 7, 30, 15, 987654, tzinfo=UTC)
CORRECTED_HKT = "2026-06-01T15:30:15+08:00"
FRACTION_OF_A_SECOND = re.compile(r"\d\d:\d\d:\d\d[.,]\d")


def test_the_filter_writes_hong_kong_time_to_the_second():
    template = Template("{% load machine_time %}{{ moment|machine_time }}|{{ none|machine_time }}")

    written = template.render(Context({"moment": CORRECTED, "none": None}))

    assert written == f"{CORRECTED_HKT}|"
    assert machine_time(CORRECTED) == CORRECTED_HKT


def test_a_correction_made_at_a_fraction_of_a_second_is_dated_to_the_second_everywhere(
    client, api_client, demo_release
):
    with time_machine.travel(CORRECTED, tick=False):
        add_change_note(demo_release)

    page = client.get(detail_path(demo_release, "en")).content.decode()
    structured = json.loads(re.search(r'application/ld\+json">(.*?)</script>', page).group(1))
    written = {
        "release page": page,
        "archive": client.get("/en/releases/").content.decode(),
        "Atom feed": client.get("/en/feed/atom/").content.decode(),
        "JSON Feed": client.get("/en/feed/json/").content.decode(),
        "sitemap": client.get("/sitemap.xml").content.decode(),
        "API": json.dumps(api_client.get(f"/api/v1/releases/{demo_release.pk}").json()),
    }

    assert f'<time datetime="{CORRECTED_HKT}">' in page
    assert f'<meta property="article:modified_time" content="{CORRECTED_HKT}">' in page
    assert structured["dateModified"] == CORRECTED_HKT
    for source in ("Atom feed", "JSON Feed", "sitemap", "API"):
        assert CORRECTED_HKT in written[source], source
    assert {
        source: FRACTION_OF_A_SECOND.findall(text)
        for source, text in written.items()
        if FRACTION_OF_A_SECOND.search(text)
    } == {}
