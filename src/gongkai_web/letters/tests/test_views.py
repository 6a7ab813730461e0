"""/office/letters/: a case's letters, generating one, downloading; /letters/: the applicant's downloads."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import FileResponse
from django.test import Client

from gongkai.cases import Action
from gongkai_web.accounts.models import User
from gongkai_web.applications.models import Application
from gongkai_web.letters.models import Letter
from gongkai_web.letters.services import generate_letter
from gongkai_web.personas import Office, logged_in, walk_in

from .conftest import SEP_29, SEP_30, step

ALLOWED = ["alice", "bob", "carol", "hana"]
REFUSED = ["erin", "dave", "frank"]


def page(application: Application) -> str:
    return f"/office/letters/cases/{application.pk}/"


def body(response: object) -> bytes:
    assert isinstance(response, FileResponse)
    return response.getvalue()


@pytest.fixture
def corrected(application: Application, bob: User) -> Application:
    """A case with a correction request, the step a 补正告知书 tells."""
    step(
        application,
        Action.REQUEST_CORRECTION,
        SEP_30,
        bob,
        items="请写明学段",
        respond_by=dt.date(2025, 10, 17),
    )
    return application


@pytest.fixture
def letter(corrected: Application, bob: User) -> Letter:
    return generate_letter(application=corrected, kind="correction", actor=bob, on=SEP_30)


# -- the case's letters page ------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_the_login_page(client: Client, corrected: Application) -> None:
    response = client.get(page(corrected))
    assert response.status_code == 302
    assert response["Location"] == f"/office/login/?next={page(corrected)}"


@pytest.mark.parametrize("who", ALLOWED)
def test_the_case_officers_see_its_letters_and_what_may_be_generated(
    client: Client, letter: Letter, who: str, request: pytest.FixtureRequest
) -> None:
    response = logged_in(client, request.getfixturevalue(who)).get(page(letter.application))
    assert response.status_code == 200
    html = response.content.decode()
    assert "某县人民政府依申请公开〔2025〕1号" in html
    assert f'href="/office/letters/{letter.pk}.pdf"' in html
    assert "2025-09-30 告知补正 → 补正告知书（已生成1份）" in html
    assert "110101199001011234" not in html and "13800000000" not in html  # no personal data


@pytest.mark.parametrize("who", REFUSED)
def test_officers_of_another_department_or_body_and_administrators_are_refused(
    client: Client, letter: Letter, who: str, request: pytest.FixtureRequest
) -> None:
    client = logged_in(client, request.getfixturevalue(who))
    assert client.get(page(letter.application)).status_code == 403
    response = client.post(page(letter.application), {"option": f"{letter.event_id}:correction"})
    assert response.status_code == 403
    assert Letter.objects.count() == 1


def test_a_case_without_letter_steps_says_so(client: Client, application: Application, alice: User) -> None:
    response = logged_in(client, alice).get(page(application))
    assert response.status_code == 200
    assert "本案尚无需要书面告知的办理事项" in response.content.decode()


def test_an_unknown_case_is_not_found(client: Client, alice: User) -> None:
    assert logged_in(client, alice).get("/office/letters/cases/999999/").status_code == 404


def test_a_handler_generates_a_letter_and_comes_back_to_the_list(
    client: Client, corrected: Application, bob: User
) -> None:
    event = corrected.events.get()
    response = logged_in(client, bob).post(page(corrected), {"option": f"{event.pk}:correction"}, follow=True)
    assert response.redirect_chain == [(page(corrected), 302)]
    letter = Letter.objects.get()
    assert (letter.kind, letter.event, letter.generated_by) == ("correction", event, bob)
    assert f"已生成政府信息公开申请补正告知书（{letter.number}）" in response.content.decode()


def test_a_letter_that_cannot_be_made_is_explained_and_nothing_is_stored(
    client: Client, application: Application, bob: User
) -> None:
    step(application, Action.ACCEPT, SEP_29, bob)
    consulted = step(application, Action.START_CONSULTATION, SEP_30, bob, party="co_agency")
    response = logged_in(client, bob).post(
        page(application), {"option": f"{consulted.pk}:consultation.co_agency"}
    )
    assert response.status_code == 400
    assert "生成“征求其他机关意见函（第三十四条）”须填写：收件人：被征求意见的第三方或者机关的名称" in (
        response.content.decode()
    )
    assert not Letter.objects.exists()
    response = logged_in(client, bob).post(
        page(application), {"option": f"{consulted.pk}:consultation.co_agency", "addressee": "某县财政局"}
    )
    assert response.status_code == 302
    assert Letter.objects.get().addressee == "某县财政局："


def test_an_option_the_case_does_not_offer_is_refused(
    client: Client, corrected: Application, bob: User
) -> None:
    event = corrected.events.get()
    response = logged_in(client, bob).post(page(corrected), {"option": f"{event.pk}:reply.granted"})
    assert response.status_code == 400
    assert not Letter.objects.exists()


# -- downloads --------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ALLOWED)
def test_the_case_officers_download_both_files(
    client: Client, letter: Letter, who: str, request: pytest.FixtureRequest
) -> None:
    client = logged_in(client, request.getfixturevalue(who))
    pdf = client.get(f"/office/letters/{letter.pk}.pdf")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert "attachment" in pdf["Content-Disposition"]
    assert body(pdf) == letter.pdf.open("rb").read()
    word = client.get(f"/office/letters/{letter.pk}.docx")
    assert word["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert body(word)[:2] == b"PK"


@pytest.mark.parametrize("who", REFUSED)
def test_others_cannot_download_a_cases_letters(
    client: Client, letter: Letter, who: str, request: pytest.FixtureRequest
) -> None:
    client = logged_in(client, request.getfixturevalue(who))
    assert client.get(f"/office/letters/{letter.pk}.pdf").status_code == 403
    assert client.get(f"/office/letters/{letter.pk}.docx").status_code == 403


def test_anonymous_downloads_are_sent_to_the_login_page(client: Client, letter: Letter) -> None:
    response = client.get(f"/office/letters/{letter.pk}.pdf")
    assert response.status_code == 302
    assert response["Location"].startswith("/office/login/")


# -- the applicant's downloads ----------------------------------------------------------------------


def test_the_applicant_downloads_a_letter_addressed_to_them(client: Client, letter: Letter) -> None:
    code = letter.application.tracking_code
    response = client.get(f"/letters/{code}/{letter.pk}.pdf")
    assert response.status_code == 200
    assert body(response) == letter.pdf.open("rb").read()
    assert client.get(f"/letters/{code}/{letter.pk}.docx").status_code == 200


def test_a_wrong_tracking_code_finds_nothing(
    client: Client, office: Office, alice: User, letter: Letter
) -> None:
    other = walk_in(office, alice, applicant_name="李四", identity_document="110101198001011239")
    assert client.get(f"/letters/{other.tracking_code}/{letter.pk}.pdf").status_code == 404
    assert client.get(f"/letters/{letter.application.tracking_code[:-1]}x/{letter.pk}.pdf").status_code == 404


def test_a_letter_to_a_third_party_is_not_the_applicants_to_download(
    client: Client, application: Application, bob: User
) -> None:
    step(application, Action.ACCEPT, SEP_29, bob)
    step(application, Action.START_CONSULTATION, SEP_30, bob, party="third_party")
    consultation = generate_letter(
        application=application,
        kind="consultation.third_party",
        actor=bob,
        on=SEP_30,
        inputs={"征求意见对象": "某县第一中学"},
    )
    response = client.get(f"/letters/{application.tracking_code}/{consultation.pk}.pdf")
    assert response.status_code == 404


def test_the_form_preselects_the_likeliest_letter_of_the_latest_event(
    client: Client, letter: Letter, bob: User, carol: User
) -> None:
    application = letter.application
    step(application, Action.RECEIVE_CORRECTION, dt.date(2025, 10, 9), bob)
    decided = step(application, Action.DECIDE, dt.date(2025, 10, 10), carol, outcome="granted")
    html = logged_in(client, bob).get(page(application)).content.decode()
    assert f'<option value="{decided.pk}:reply.granted" selected>' in html
