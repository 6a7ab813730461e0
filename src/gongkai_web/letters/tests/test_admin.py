"""An administrator edits templates and settings in the Django admin; the core checks every save."""

from __future__ import annotations

import pytest
from django.test import Client

from gongkai.letters import default_template
from gongkai_web.accounts.models import User
from gongkai_web.letters.models import LetterSettings, LetterTemplate
from gongkai_web.personas import Office

ADD = "/admin/letters/lettertemplate/add/"


@pytest.fixture
def admin_client_of(client: Client, db: None) -> tuple[Client, User]:
    superuser = User.objects.create_superuser(username="root", password="x-unused-password-7f3a")
    client.force_login(superuser)
    return client, superuser


def form(**fields: str) -> dict[str, str]:
    return {"kind": "correction", "body": "", "title": "补正告知书", "addressee": "{申请人}："} | fields


def test_the_add_form_starts_from_the_default_text_of_the_kind(admin_client_of: tuple[Client, User]) -> None:
    client, _ = admin_client_of
    response = client.get(ADD + "?kind=correction")
    assert response.status_code == 200
    html = response.content.decode()
    assert default_template("correction").text.splitlines()[-1] in html


def test_a_template_with_an_unknown_placeholder_is_not_saved(admin_client_of: tuple[Client, User]) -> None:
    client, _ = admin_client_of
    response = client.post(
        ADD, form(text="请补正{补正事项}，于{补正期限}前提交。依据{法律依据}。经办人：{经办人}")
    )
    assert response.status_code == 200
    assert "正文第1行第35字的占位符“{经办人}”不存在" in response.content.decode()
    assert not LetterTemplate.objects.exists()


def test_a_template_missing_what_the_kind_must_state_is_not_saved(
    admin_client_of: tuple[Client, User],
) -> None:
    client, _ = admin_client_of
    response = client.post(ADD, form(text="请补正。"))
    assert "本文书必须写明：{法律依据}、{补正事项}、{补正期限}" in response.content.decode()
    assert not LetterTemplate.objects.exists()


def test_a_valid_template_is_saved_with_who_edited_it(
    admin_client_of: tuple[Client, User], office: Office
) -> None:
    client, superuser = admin_client_of
    text = "请补正{补正事项}，于{补正期限}前提交。依据{法律依据}。"
    response = client.post(ADD, form(text=text, body=str(office.county.pk)))
    assert response.status_code == 302
    saved = LetterTemplate.objects.get()
    assert (saved.body, saved.text, saved.edited_by) == (office.county, text, superuser)
    change = client.get(f"/admin/letters/lettertemplate/{saved.pk}/change/").content.decode()
    assert "<code>{补正期限}</code>（必须写明）" in change


def test_a_number_prefix_holding_the_year_brackets_is_refused(
    admin_client_of: tuple[Client, User], office: Office
) -> None:
    client, superuser = admin_client_of
    url = "/admin/letters/lettersettings/add/"
    data = {
        "body": str(office.county.pk),
        "number_prefix": "某府依申〔2025〕",
        "review_body": "",
        "court": "",
    }
    assert "机关代字不含年份" in client.post(url, data).content.decode()
    data["number_prefix"] = "某府依申"
    assert client.post(url, data).status_code == 302
    assert LetterSettings.objects.get().edited_by == superuser


def test_generated_letters_cannot_be_added_in_the_admin(admin_client_of: tuple[Client, User]) -> None:
    client, _ = admin_client_of
    assert client.get("/admin/letters/letter/add/").status_code == 403
