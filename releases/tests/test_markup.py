"""Release bodies are CommonMark, rendered to sanitised HTML."""

from unittest import mock

import pytest

from releases import markup


def html_of(source: str) -> str:
    return markup.Body(source).html


def lead_of(source: str) -> str:
    return markup.Body(source).first_paragraph


def test_paragraphs_stay_paragraphs():
    assert html_of("第一段。\n\n第二段。") == "<p>第一段。</p>\n<p>第二段。</p>\n"


def test_raw_html_and_scripts_never_reach_the_page():
    html = html_of('<script>alert(1)</script>\n\n<img src=x onerror="alert(1)">')

    assert "<script" not in html
    assert "<img" not in html


def test_javascript_links_are_dropped():
    html = html_of("[click](javascript:alert(1))")

    assert 'href="javascript:' not in html
    assert "<a" not in html


def test_links_get_safe_rel():
    html = html_of("[Customs](https://www.customs.gov.hk/)")

    assert 'href="https://www.customs.gov.hk/"' in html
    assert 'rel="noopener noreferrer"' in html


def test_first_paragraph_is_plain_text():
    assert lead_of("**Bold** lead & more.\n\nSecond.") == "Bold lead & more."
    assert lead_of("") == ""


@pytest.mark.django_db
def test_a_translation_parses_its_body_once_for_the_page_and_again_when_edited(
    release_factory,
):
    release = release_factory(body_en="First **one**.\n\nSecond.")
    translation = release.translations.get(language_code="en")

    with mock.patch.object(markup._markdown, "parse", wraps=markup._markdown.parse) as parse:
        shown = (translation.body_html, translation.lead, len(translation.parsed_body.blocks))
        translation.body = "Edited."
        edited = (translation.body_html, translation.lead)

    assert shown == ("<p>First <strong>one</strong>.</p>\n<p>Second.</p>\n", "First one.", 2)
    assert edited == ("<p>Edited.</p>\n", "Edited.")
    assert parse.call_count == 2
