"""Release bodies are CommonMark, rendered to sanitised HTML."""

from releases import markup


def test_paragraphs_stay_paragraphs():
    assert markup.render("第一段。\n\n第二段。") == "<p>第一段。</p>\n<p>第二段。</p>\n"


def test_raw_html_and_scripts_never_reach_the_page():
    html = markup.render('<script>alert(1)</script>\n\n<img src=x onerror="alert(1)">')

    assert "<script" not in html
    assert "<img" not in html


def test_javascript_links_are_dropped():
    html = markup.render("[click](javascript:alert(1))")

    assert 'href="javascript:' not in html
    assert "<a" not in html


def test_links_get_safe_rel():
    html = markup.render("[Customs](https://www.customs.gov.hk/)")

    assert 'href="https://www.customs.gov.hk/"' in html
    assert 'rel="noopener noreferrer"' in html


def test_first_paragraph_is_plain_text():
    assert markup.first_paragraph("**Bold** lead & more.\n\nSecond.") == "Bold lead & more."
    assert markup.first_paragraph("") == ""
