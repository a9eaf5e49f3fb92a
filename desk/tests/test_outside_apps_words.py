"""The sign-in attempts and the background tasks speak the administrator's language too.

django-axes and django-tasks carry no Traditional Chinese and name their admin
sections in ways that cannot be translated ("Axes", "Tasks Database Backend");
pressroom/outside_apps.py and desk/admin_wording.py name them.
"""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.test import Client

from alerts import tasks
from testing.factories import signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator() -> Client:
    user = User.objects.create_superuser("admin", "admin@example.gov.hk", "pw")
    return signed_in(Client(), user)


@pytest.mark.parametrize(
    ("language", "shown", "not_shown"),
    [
        ("zh-hant", ["登入嘗試", "登入記錄", "登入失敗", "背景工作"], ["Axes", "Tasks Database"]),
        ("en", ["Sign-in attempts", "Access attempts", "Background tasks", "Task Results"], []),
    ],
)
def test_the_admin_home_names_both_sections_in_the_reader_s_language(
    administrator, language, shown, not_shown
):
    administrator.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    page = administrator.get("/admin/").content.decode()

    for words in shown:
        assert words in page
    for words in not_shown:
        assert words not in page


def test_the_task_list_s_columns_are_in_chinese(administrator):
    # An empty list shows no table: one task queued gives it its columns.
    tasks.send_digest.enqueue("2026-12-04")
    administrator.defaults["HTTP_ACCEPT_LANGUAGE"] = "zh-hant"
    page = administrator.get("/admin/django_tasks_database/dbtaskresult/").content.decode()

    for heading in ("排隊時間", "開始時間", "完成時間", "優先次序", "佇列名稱"):
        assert heading in page
    assert "Enqueued at" not in page


def test_the_sign_in_attempts_list_s_columns_are_in_chinese(administrator):
    AccessAttempt.objects.create(
        username="someone", ip_address="203.0.113.9", failures_since_start=3, user_agent="x"
    )
    administrator.defaults["HTTP_ACCEPT_LANGUAGE"] = "zh-hant"
    page = administrator.get("/admin/axes/accessattempt/").content.decode()

    for heading in ("嘗試時間", "IP地址", "登入失敗次數"):
        assert heading in page
    assert "IP Address" not in page
