"""The department's glossary: seeded, imported and exported as CSV, kept on /zh-hans/ pages."""

import io

import pytest
from django.core.management import CommandError, call_command

from releases import glossary
from releases.models import Term
from testing.factories import committed, publish_release
from testing.pages import detail_path

pytestmark = pytest.mark.django_db


def import_csv(tmp_path, text: str, encoding: str = "utf-8") -> str:
    path = tmp_path / "terms.csv"
    path.write_bytes(text.encode(encoding))
    out = io.StringIO()
    call_command("import_glossary", str(path), stdout=out)
    return out.getvalue()


def test_the_glossary_is_seeded_with_the_departments_terms_and_their_sources():
    ordinance = Term.objects.get(zh_hant="進出口條例")
    control_point = Term.objects.get(zh_hant="文錦渡管制站")
    programme = Term.objects.get(zh_hant="認可經濟營運商")

    assert ordinance.en == "Import and Export Ordinance"
    assert "Cap. 60" in ordinance.note and "elegislation.gov.hk" in ordinance.note
    assert control_point.en == "Man Kam To Control Point"
    assert "customs.gov.hk" in control_point.note
    assert programme.en == "Authorized Economic Operator"
    assert Term.objects.get(zh_hant="海關關長").en == "Commissioner of Customs and Excise"
    assert Term.objects.exclude(note__icontains="source").count() == 0


def test_import_adds_and_updates_terms_from_a_csv_with_a_bom(tmp_path):
    text = (
        "zh_hant,en,zh_hans,avoid_zh,avoid_en,note\n"
        "文錦渡管制站,Man Kam To Control Point,,,Man Kam To Border,updated\n"
        "鍾麗玲,Chung Lai-ling,锺丽玲,,,a name\n"
    )

    said = import_csv(tmp_path, "\ufeff" + text)

    assert said.strip() == f"Added 1 terms and updated 1 from {tmp_path / 'terms.csv'}."
    assert Term.objects.get(zh_hant="文錦渡管制站").avoided("en") == ("Man Kam To Border",)
    assert Term.objects.get(zh_hant="鍾麗玲").zh_hans == "锺丽玲"


def test_import_reads_just_the_two_required_columns(tmp_path):
    import_csv(tmp_path, "zh_hant,en\n緝私,anti-smuggling\n")

    assert Term.objects.get(zh_hant="緝私").en == "anti-smuggling"


@pytest.mark.parametrize(
    ("text", "refusal"),
    [
        ("中文,English\n海關,Customs\n", "Line 1: the columns must be zh_hant,en"),
        ("zh_hant,en\n緝私,anti-smuggling\n海關,\n", "Line 3: zh_hant and en are both needed."),
        ("zh_hant,en\n緝私,anti-smuggling,extra\n", "Line 2: 3 columns where the header has 2."),
        ("zh_hant,en\n緝私,a\n緝私,b\n", "Line 3: 緝私 is already on an earlier line."),
    ],
)
def test_a_malformed_file_is_refused_with_its_line_and_changes_nothing(tmp_path, text, refusal):
    before = Term.objects.count()

    with pytest.raises(CommandError, match=refusal) as refused:
        import_csv(tmp_path, text)

    assert "Nothing was changed." in str(refused.value)
    assert Term.objects.count() == before
    assert not Term.objects.filter(zh_hant="緝私").exists()


def test_a_file_that_is_not_utf8_is_refused(tmp_path):
    with pytest.raises(CommandError, match="not UTF-8"):
        import_csv(tmp_path, "zh_hant,en\n緝私,anti-smuggling\n", encoding="big5")


def test_the_export_reads_back_as_the_same_glossary(tmp_path):
    path = tmp_path / "out.csv"
    out = io.StringIO()
    call_command("export_glossary", str(path), stdout=out)
    before = sorted(Term.objects.values_list("zh_hant", "en", "zh_hans", "avoid_en", "note"))
    Term.objects.all().delete()

    call_command("import_glossary", str(path), stdout=io.StringIO())

    assert out.getvalue().strip() == f"Exported {len(before)} terms to {path}."
    assert path.read_bytes().startswith(b"\xef\xbb\xbfzh_hant,en,zh_hans,avoid_zh,avoid_en,note")
    after = sorted(Term.objects.values_list("zh_hant", "en", "zh_hans", "avoid_en", "note"))
    assert after == before


def test_the_simplified_page_keeps_the_glossarys_form_of_a_name(client):
    release = publish_release(
        body_zh="鍾麗玲出席。文錦渡管制站。",
        body_en="Chung Lai-ling attended. Man Kam To Control Point.",
    )
    path = detail_path(release, "zh-hans")
    assert "钟丽玲出席" in client.get(path).content.decode()

    with committed():
        Term.objects.create(zh_hant="鍾麗玲", en="Chung Lai-ling", zh_hans="锺丽玲")
    page = client.get(path).content.decode()

    assert "锺丽玲出席" in page
    assert "钟丽玲" not in page
    assert "文锦渡管制站" in page


def test_a_changed_term_is_read_at_once():
    assert "緝私" not in [entry.zh_hant for entry in glossary.current().glossary.entries]

    Term.objects.create(zh_hant="緝私", en="anti-smuggling")

    assert "緝私" in [entry.zh_hant for entry in glossary.current().glossary.entries]


def test_the_apis_simplified_text_keeps_the_glossarys_form_too(client):
    release = publish_release(body_zh="鍾麗玲出席。", body_en="Chung Lai-ling attended.")
    with committed():
        Term.objects.create(zh_hant="鍾麗玲", en="Chung Lai-ling", zh_hans="锺丽玲")

    answer = client.get(f"/api/v1/releases/{release.pk}?lang=zh-hans").content.decode()

    assert "锺丽玲出席" in answer
    assert "钟丽玲" not in answer
