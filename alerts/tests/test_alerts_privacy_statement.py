"""The personal information collection statement: linked beside the button, in each language."""

import re

import pytest

pytestmark = pytest.mark.django_db

SECTIONS = {
    "en": [
        "Purpose of collection",
        "Who receives your data",
        "How long your data are kept",
        "Access to and correction of your data",
        "Enquiries",
    ],
    "zh-hant": ["收集資料的目的", "資料的承轉對象", "資料的保留期限", "查閱及改正資料", "查詢"],
    "zh-hans": ["收集资料的目的", "资料的承转对象", "资料的保留期限", "查阅及改正资料", "查询"],
}


@pytest.mark.parametrize(
    ("language", "link"),
    [
        ("en", "personal information collection statement"),
        ("zh-hant", "收集個人資料聲明"),
        ("zh-hans", "收集个人数据声明"),
    ],
)
def test_the_subscribe_button_has_the_statement_linked_beside_it(client, language, link):
    page = client.get(f"/{language}/alerts/").content.decode()
    submit = re.search(r'<div class="alert-form__submit">.*?</div>', page, re.S)[0]
    assert "<button" in submit
    assert f'<a href="/{language}/alerts/privacy/">{link}</a>' in submit


@pytest.mark.parametrize("language", ["en", "zh-hant", "zh-hans"])
def test_the_statement_says_purpose_recipients_keeping_access_and_whom_to_ask(client, language):
    response = client.get(f"/{language}/alerts/privacy/")
    page = response.content.decode()
    assert response.status_code == 200
    headings = re.findall(r"<h2>(.*?)</h2>", page)
    assert headings == SECTIONS[language]
    others = [heading for code, texts in SECTIONS.items() if code != language for heading in texts]
    assert not [heading for heading in others if f"<h2>{heading}</h2>" in page]


def test_the_statement_s_text_comes_from_docs_for_the_department_to_edit(client, settings):
    statement = settings.BASE_DIR / "docs" / "privacy-statement" / "en.md"
    assert "Cap. 486" in statement.read_text(encoding="utf-8")
    assert "Cap. 486" in client.get("/en/alerts/privacy/").content.decode()
