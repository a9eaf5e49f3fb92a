"""The stale guard marks the characters that changed inside a paragraph, not the paragraph."""

import html

import pytest
from django.test import Client
from django.utils import translation

from desk.marked_changes import marked, quoted_change
from releases.models import Release
from testing.admin_forms import release_form
from testing.factories import make_release, signed_in

pytestmark = pytest.mark.django_db

BODY = "海關於葵涌檢獲約二百萬支私煙，案值約九百萬元。\n\n案件仍在調查中。"


def test_chinese_is_compared_character_by_character():
    before, after = marked("約二百萬支", "約二百一十萬支")

    assert before == "約二百萬支"
    assert after == "約二百<ins>一十</ins>萬支"


def test_english_is_compared_word_by_word():
    before, after = marked("seized 2 million sticks", "seized 2.1 million sticks")

    assert before == "seized <del>2</del> million sticks"
    assert after == "seized <ins>2.1</ins> million sticks"


def test_a_quoted_change_is_written_in_the_readers_punctuation():
    with translation.override("zh-hant"):
        chinese = quoted_change("正文", "約二百萬支", "約二百一十萬支")
    with translation.override("en"):
        english = quoted_change("Body", "2 million", "2.1 million")

    assert chinese == "正文：「約二百萬支」→「約二百<ins>一十</ins>萬支」"
    assert english == "Body: “<del>2</del> million” → “<ins>2.1</ins> million”"


def test_long_unchanged_text_is_cut_around_the_change_and_escaped():
    before, after = marked("<b>" + "甲" * 60 + "乙", "<b>" + "甲" * 60 + "丙", context=5)

    assert before == "…甲甲甲甲甲<del>乙</del>"
    assert after == "…甲甲甲甲甲<ins>丙</ins>"
    assert "<b>" not in marked("<b>甲", "<b>乙")[1]


def test_a_refused_stale_save_marks_the_characters_changed_meanwhile(editor, publisher):
    first, second = signed_in(Client(), editor), signed_in(Client(), publisher)
    draft = make_release(status=Release.Status.DRAFT, body_zh=BODY)
    url = f"/admin/releases/release/{draft.pk}/change/"
    first.post(url, release_form(draft))  # Saved through the desk: a version to compare with.
    form_of_first, form_of_second = release_form(draft), release_form(draft)

    first.post(url, {**form_of_first, "body_zh_hant": BODY.replace("二百萬", "二百一十萬")})
    refused = second.post(url, {**form_of_second, "title_en": "Customs seizes cigarettes"})

    page = html.unescape(refused.content.decode())
    assert refused.status_code == 200
    assert "海關於葵涌檢獲約二百<ins>一十</ins>萬支私煙，案值約九百萬元。" in page
    assert "<del>海關於葵涌檢獲約二百萬支私煙" not in page
    assert "案件仍在調查中" not in page.split("Changed meanwhile:")[1].split("</ul>")[0]
