"""The API's reference page: its links within the page lead somewhere."""

import re

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["zh-hant", "en"])
def test_every_link_within_the_reference_leads_to_a_part_of_it(client, language):
    page = client.get("/api/v1/docs", headers={"accept-language": language}).content.decode()

    fragments = set(re.findall(r'href="#([^"]*)"', page))
    ids = set(re.findall(r'id="([^"]*)"', page))

    assert {"schema-topic", "schema-contact", "schema-release", "schema-error"} <= fragments
    assert fragments <= ids
