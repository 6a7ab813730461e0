"""The appeals pages under /office/appeals/: who sees, who records, and everyone else refused."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from gongkai.cases import AppealResult
from gongkai_web.accounts.models import User
from gongkai_web.appeals.models import Review, Suit
from gongkai_web.appeals.services import conclude_review, record_review, record_suit
from gongkai_web.applications.models import Application
from gongkai_web.bodies.models import Role
from gongkai_web.bodies.services import add_member
from gongkai_web.personas import Office, logged_in

NOV_20 = dt.date(2025, 11, 20)
REFUSED = [
    "bob",
    "erin",
    "alice",
    "dave",
]  # a handler, another department's handler, the registrar, another body


@pytest.fixture
def review(decided_case: Application, carol: User) -> Review:
    return record_review(
        application=decided_case,
        authority="某市人民政府",
        case_number="某府复〔2025〕12号",
        filed_on=NOV_20,
        actor=carol,
    )


@pytest.fixture
def suit(decided_case: Application, carol: User) -> Suit:
    return record_suit(
        application=decided_case,
        court="某县人民法院",
        case_number="（2025）某0101行初12号",
        filed_on=dt.date(2025, 12, 1),
        after_review=None,
        actor=carol,
    )


def as_(request: pytest.FixtureRequest, client: Client, who: str) -> Client:
    return logged_in(client, request.getfixturevalue(who))


# -- the body's list -------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["carol", "hana", "frank"])
def test_the_bodys_reviewer_head_and_administrator_see_its_appeals(
    client: Client, review: Review, suit: Suit, office: Office, who: str, request: pytest.FixtureRequest
) -> None:
    response = as_(request, client, who).get("/office/appeals/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "某县人民政府：政府信息公开行政复议、行政诉讼" in page
    assert "某府复〔2025〕12号" in page and "（2025）某0101行初12号" in page
    assert "未经复议直接起诉" in page


@pytest.mark.parametrize("who", ["bob", "erin", "alice"])
def test_handlers_and_the_registrar_may_not_see_the_appeals(
    client: Client, review: Review, who: str, request: pytest.FixtureRequest
) -> None:
    assert as_(request, client, who).get("/office/appeals/").status_code == 403


def test_an_officer_of_another_body_sees_only_his_own_bodys_appeals(
    client: Client, review: Review, office: Office, dave: User
) -> None:
    page = logged_in(client, dave).get("/office/appeals/")
    assert page.status_code == 200
    assert "某县财政局" in page.content.decode()
    assert "某府复〔2025〕12号" not in page.content.decode()
    asked = client.get(f"/office/appeals/?body={office.county.pk}")
    assert asked.status_code == 403


def test_an_anonymous_visitor_is_sent_to_log_in(client: Client, review: Review) -> None:
    response = client.get("/office/appeals/")
    assert (response.status_code, response["Location"]) == (302, "/office/login/?next=/office/appeals/")


def test_a_reviewer_of_two_bodies_chooses_one(
    client: Client, review: Review, office: Office, carol: User
) -> None:
    add_member(body=office.finance_bureau, user=carol, role=Role.REVIEWER)
    page = logged_in(client, carol).get("/office/appeals/").content.decode()
    assert "行政复议、行政诉讼：选择机关" in page
    assert f'href="?body={office.finance_bureau.pk}"' in page and f'href="?body={office.county.pk}"' in page
    assert "某府复〔2025〕12号" in client.get(f"/office/appeals/?body={office.county.pk}").content.decode()


# -- a case's appeals ------------------------------------------------------------------------------


def test_the_case_page_lists_its_appeals_and_offers_to_record_more(
    client: Client, review: Review, decided_case: Application, carol: User
) -> None:
    page = logged_in(client, carol).get(f"/office/appeals/cases/{decided_case.pk}/").content.decode()
    assert "某府复〔2025〕12号" in page
    assert f"/office/appeals/cases/{decided_case.pk}/reviews/new/" in page
    assert f"/office/appeals/reviews/{review.pk}/conclude/" in page


def test_the_administrator_sees_the_case_page_without_the_means_to_record(
    client: Client, review: Review, decided_case: Application, frank: User
) -> None:
    page = logged_in(client, frank).get(f"/office/appeals/cases/{decided_case.pk}/").content.decode()
    assert "某府复〔2025〕12号" in page
    assert "/reviews/new/" not in page and "/conclude/" not in page


@pytest.mark.parametrize("who", REFUSED)
def test_the_case_page_is_refused_to_others(
    client: Client, decided_case: Application, who: str, request: pytest.FixtureRequest
) -> None:
    assert as_(request, client, who).get(f"/office/appeals/cases/{decided_case.pk}/").status_code == 403


def test_a_case_that_does_not_exist_is_not_found(client: Client, carol: User) -> None:
    assert logged_in(client, carol).get("/office/appeals/cases/999999/").status_code == 404


def test_the_lookup_by_number_leads_to_the_case_page(client: Client, carol: User) -> None:
    response = logged_in(client, carol).get("/office/appeals/cases/?number=42")
    assert (response.status_code, response["Location"]) == (302, "/office/appeals/cases/42/")
    assert client.get("/office/appeals/cases/?number=abc").status_code == 400


def test_the_lookup_is_for_logged_in_staff(client: Client) -> None:
    assert client.get("/office/appeals/cases/?number=42").status_code == 302


# -- recording a review and a suit -----------------------------------------------------------------


def test_a_reviewer_records_a_review_through_the_form(
    client: Client, decided_case: Application, carol: User
) -> None:
    url = f"/office/appeals/cases/{decided_case.pk}/reviews/new/"
    assert logged_in(client, carol).get(url).status_code == 200
    response = client.post(
        url, {"authority": "某市人民政府", "case_number": "某府复〔2025〕12号", "filed_on": "2025-11-20"}
    )
    assert (response.status_code, response["Location"]) == (302, f"/office/appeals/cases/{decided_case.pk}/")
    review = Review.objects.get()
    assert (review.application, review.recorded_by, review.filed_on) == (decided_case, carol, NOV_20)


def test_the_form_shows_the_services_refusal(client: Client, open_case: Application, carol: User) -> None:
    response = logged_in(client, carol).post(
        f"/office/appeals/cases/{open_case.pk}/reviews/new/",
        {"authority": "某市人民政府", "case_number": "某府复〔2025〕12号", "filed_on": "2025-11-20"},
    )
    assert response.status_code == 400
    assert "申请当前状态为“办理中”" in response.content.decode()
    assert not Review.objects.exists()


@pytest.mark.parametrize("who", [*REFUSED, "frank"])
def test_recording_a_review_is_refused_to_all_but_the_bodys_reviewers(
    client: Client, decided_case: Application, who: str, request: pytest.FixtureRequest
) -> None:
    url = f"/office/appeals/cases/{decided_case.pk}/reviews/new/"
    c = as_(request, client, who)
    assert c.get(url).status_code == 403
    data = {"authority": "某市人民政府", "case_number": "某府复〔2025〕12号", "filed_on": "2025-11-20"}
    assert c.post(url, data).status_code == 403
    assert not Review.objects.exists()


def test_recording_is_for_logged_in_staff(client: Client, decided_case: Application) -> None:
    response = client.post(f"/office/appeals/cases/{decided_case.pk}/reviews/new/", {})
    assert response.status_code == 302
    assert response["Location"].startswith("/office/login/")


def test_a_suit_after_review_is_recorded_through_the_form(
    client: Client, review: Review, decided_case: Application, hana: User
) -> None:
    url = f"/office/appeals/cases/{decided_case.pk}/suits/new/"
    page = logged_in(client, hana).get(url).content.decode()
    assert "未经复议，直接起诉" in page and "某市人民政府 某府复〔2025〕12号" in page
    data = {
        "court": "某市中级人民法院",
        "case_number": "（2025）某01行初40号",
        "filed_on": "2025-12-15",
        "after_review": str(review.pk),
    }
    assert client.post(url, data).status_code == 302
    assert Suit.objects.get().after_review == review


@pytest.mark.parametrize("who", [*REFUSED, "frank"])
def test_recording_a_suit_is_refused_to_all_but_the_bodys_reviewers(
    client: Client, decided_case: Application, who: str, request: pytest.FixtureRequest
) -> None:
    url = f"/office/appeals/cases/{decided_case.pk}/suits/new/"
    data = {"court": "某县人民法院", "case_number": "（2025）某0101行初12号", "filed_on": "2025-12-01"}
    assert as_(request, client, who).post(url, data).status_code == 403
    assert not Suit.objects.exists()


# -- concluding -------------------------------------------------------------------------------------


def test_a_reviewer_concludes_a_review_through_the_form(client: Client, review: Review, carol: User) -> None:
    url = f"/office/appeals/reviews/{review.pk}/conclude/"
    page = logged_in(client, carol).get(url).content.decode()
    assert "结果维持" in page and "结果纠正" in page and "其他结果" in page
    response = client.post(url, {"result": "corrected", "concluded_on": "2026-01-20"})
    assert response.status_code == 302
    stored = Review.objects.get()
    assert (stored.result, stored.concluded_on) == ("corrected", dt.date(2026, 1, 20))


def test_correcting_a_result_through_the_form_needs_a_reason(
    client: Client, review: Review, carol: User
) -> None:
    conclude_review(
        review=review, result=AppealResult("upheld"), concluded_on=dt.date(2026, 1, 20), actor=carol
    )
    url = f"/office/appeals/reviews/{review.pk}/conclude/"
    response = logged_in(client, carol).post(url, {"result": "corrected", "concluded_on": "2026-01-20"})
    assert response.status_code == 400
    assert "更正审结结果须说明理由" in response.content.decode()
    assert Review.objects.get().result == "upheld"
    data = {"result": "corrected", "concluded_on": "2026-01-20", "reason": "误录"}
    assert client.post(url, data).status_code == 302
    assert Review.objects.get().result == "corrected"


@pytest.mark.parametrize("who", [*REFUSED, "frank"])
def test_concluding_is_refused_to_all_but_the_bodys_reviewers(
    client: Client, review: Review, suit: Suit, who: str, request: pytest.FixtureRequest
) -> None:
    c = as_(request, client, who)
    data = {"result": "upheld", "concluded_on": "2026-01-20"}
    for url in (
        f"/office/appeals/reviews/{review.pk}/conclude/",
        f"/office/appeals/suits/{suit.pk}/conclude/",
    ):
        assert c.get(url).status_code == 403
        assert c.post(url, data).status_code == 403
    assert Review.objects.get().result == Suit.objects.get().result == ""


def test_concluding_is_for_logged_in_staff(client: Client, suit: Suit) -> None:
    assert client.post(f"/office/appeals/suits/{suit.pk}/conclude/", {"result": "upheld"}).status_code == 302
    assert Suit.objects.get().result == ""


def test_a_suit_is_concluded_through_its_form(client: Client, suit: Suit, hana: User) -> None:
    response = logged_in(client, hana).post(
        f"/office/appeals/suits/{suit.pk}/conclude/", {"result": "other", "concluded_on": "2026-03-02"}
    )
    assert response.status_code == 302
    assert Suit.objects.get().result_label == "其他结果"
