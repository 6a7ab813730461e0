"""Every place that publishes goes through the 保密审查 (docs/gate.md, “发布的地方”).

Three checks hold the list in docs/gate.md to the code:

- every public page (outside /office/, /admin/ and the API) is classified: fed by a gated publishing
  service, private to the holder of a code, or holding no case or officer text; a new public page
  fails the test until someone decides which;
- every module that calls the gate is one of the listed publishing services, and each of those calls it;
- each publishing service, given a text with a checksum-valid identity number, publishes nothing and
  leaves a 不得公开 record naming the reviewer.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver

import gongkai_web
from gongkai.catalogue import Stage, Step
from gongkai_web.accounts.models import User
from gongkai_web.catalogue.models import CatalogueItem
from gongkai_web.catalogue.services import review_item, start_revision, submit_draft
from gongkai_web.catalogue.tests.conftest import draft, fields, publish
from gongkai_web.gate.models import PublicationReview
from gongkai_web.gate.services import PublicationBlocked
from gongkai_web.messages.services import answer_message, publish_answer, route_message
from gongkai_web.messages.tests.conftest import leave
from gongkai_web.personas import Office
from gongkai_web.proposals.services import publish_reply, register_proposal
from gongkai_web.proposals.tests.conftest import REPLY, requested
from gongkai_web.proposals.tests.conftest import fields as proposal_fields
from gongkai_web.reports.models import PublishedVersion
from gongkai_web.reports.services import publish_report, save_draft
from gongkai_web.workcalendar.services import import_years_from_package

IDENTITY = "11010519491231002X"  # GB 11643's own example: a valid check character
TODAY = dt.date(2025, 11, 4)
NAMED = f"经核实，学生家长张三（身份证号{IDENTITY}）反映的问题已答复。"

GATED = "gated"  # shows only what a publishing service below let through the gate
PRIVATE = "private"  # shown only to the holder of a tracking code: delivery, not publication
NO_CASE_TEXT = "no case text"  # forms, lists of bodies, the body's own contacts

# Every public page by URL name, and how what it shows is gated (docs/gate.md lists the same).
PUBLIC_PAGES: dict[str, str] = {
    "portal:home": NO_CASE_TEXT,
    "portal:apply": NO_CASE_TEXT,
    "portal:received": PRIVATE,
    "portal:track": NO_CASE_TEXT,
    "portal:status": PRIVATE,
    "applicant_letters:pdf": PRIVATE,
    "applicant_letters:docx": PRIVATE,
    "public_messages:index": NO_CASE_TEXT,
    "public_messages:track": NO_CASE_TEXT,
    "public_messages:status": PRIVATE,
    "public_messages:received": PRIVATE,
    "public_messages:body": GATED,
    "public_messages:write": NO_CASE_TEXT,
    "public_messages:published": GATED,
    "reports:public_index": NO_CASE_TEXT,
    "reports:public_body": NO_CASE_TEXT,
    "reports:public_year": GATED,
    "reports:public_version": GATED,
    "reports:public_file": GATED,
    "catalogue:index": NO_CASE_TEXT,
    "catalogue:body": GATED,
    "catalogue:guide": NO_CASE_TEXT,
    "catalogue:item": GATED,
    "catalogue:item_revision": GATED,
    "catalogue:attachment": GATED,
    "public_proposals:index": NO_CASE_TEXT,
    "public_proposals:body": GATED,
    "public_proposals:year": GATED,
    "public_proposals:reply": GATED,
}

# The module of each publishing service that calls the gate, and the service.
PUBLISHERS: dict[str, Callable[..., object]] = {
    "gongkai_web.messages.services": publish_answer,
    "gongkai_web.catalogue.services": review_item,
    "gongkai_web.reports.services": publish_report,
    "gongkai_web.proposals.services": publish_reply,
}


def _public_names(
    patterns: list[URLPattern | URLResolver], prefix: str = "", namespace: str = ""
) -> Iterator[str]:
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if route.startswith(("office/", "admin/", "api/")):
            continue
        if isinstance(pattern, URLResolver):
            yield from _public_names(pattern.url_patterns, route, pattern.namespace or namespace)
        else:
            yield f"{namespace}:{pattern.name}"


def test_every_public_page_is_classified_as_gated_private_or_without_case_text() -> None:
    assert sorted(_public_names(get_resolver().url_patterns)) == sorted(PUBLIC_PAGES)


def test_the_modules_that_call_the_gate_are_exactly_the_listed_publishing_services() -> None:
    root = Path(gongkai_web.__file__).parent
    callers = {
        ".".join(path.relative_to(root.parent).with_suffix("").parts)
        for path in root.rglob("*.py")
        if "tests" not in path.parts
        and path.parts[-2] != "gate"
        and re.search(r"\breview_for_publication\(", path.read_text(encoding="utf-8"))
    }
    assert callers == set(PUBLISHERS)
    assert {service.__module__ for service in PUBLISHERS.values()} == set(PUBLISHERS)


def _blocked_review_of(subject: models.Model) -> PublicationReview:
    review = PublicationReview.objects.get(
        content_type=ContentType.objects.get_for_model(subject), object_id=subject.pk
    )
    assert [hit["code"] for hit in review.hits] == ["resident_id"]
    assert review.outcome == "blocked"
    return review


def test_a_message_answer_naming_an_identity_number_is_not_published(
    office: Office, alice: User, bob: User, carol: User
) -> None:
    message = leave(office.county)
    route_message(message=message, department=office.education, actor=alice)
    message = answer_message(message=message, actor=bob, answer=NAMED, on=dt.date(2025, 10, 10))
    publish_answer(message=message, actor=carol)
    message.refresh_from_db()
    assert message.publication == "pending"
    assert _blocked_review_of(message).actor == carol


def _final_review(item: CatalogueItem, first: User, second: User, head: User) -> None:
    """Submit ``item`` and take it through 初审 and 复审 to the 终审 by ``head``."""
    item = submit_draft(item=item, actor=item.author)
    for reviewer, stage in ((first, Stage.FIRST_REVIEW), (second, Stage.SECOND_REVIEW)):
        item = review_item(item=item, actor=reviewer, seen=stage, step=Step.APPROVE, today=TODAY)
    review_item(item=item, actor=head, seen=Stage.FINAL_REVIEW, step=Step.APPROVE, today=TODAY)


def test_a_catalogue_item_naming_an_identity_number_is_not_published_at_final_review(
    office: Office, alice: User, bob: User, carol: User, hana: User
) -> None:
    item = draft(office.county, bob, text=NAMED)
    with pytest.raises(PublicationBlocked):
        _final_review(item, alice, carol, hana)
    item.refresh_from_db()
    assert (item.stage, item.published_on) == ("final_review", None)
    assert _blocked_review_of(item).actor == hana


def test_a_change_of_a_published_item_naming_an_identity_number_is_not_published(
    office: Office, alice: User, bob: User, carol: User, hana: User
) -> None:
    first = publish(draft(office.county, bob), alice, carol, hana)
    change = start_revision(item=first, actor=bob, fields=fields(text=NAMED, changed_on=dt.date(2025, 11, 3)))
    with pytest.raises(PublicationBlocked):
        _final_review(change, alice, carol, hana)
    first.refresh_from_db()
    change.refresh_from_db()
    assert (first.stage, change.stage) == ("published", "final_review")
    assert _blocked_review_of(change).actor == hana


def test_an_annual_report_naming_an_identity_number_is_not_published(office: Office, hana: User) -> None:
    import_years_from_package(years=[2024, 2025, 2026])
    texts = {"一": "2025年，本府认真贯彻《中华人民共和国政府信息公开条例》。", "五": "无。", "六": NAMED}
    report_draft = save_draft(body=office.county, year=2025, actor=hana, texts=texts, grid={})
    with pytest.raises(PublicationBlocked):
        publish_report(
            body=office.county,
            year=2025,
            actor=hana,
            on=dt.date(2026, 1, 20),
            override_reason="测试用，无案件",
        )
    assert not PublishedVersion.objects.exists()
    assert _blocked_review_of(report_draft).actor == hana


def test_a_proposal_reply_naming_an_identity_number_is_not_published(
    office: Office, alice: User, bob: User, carol: User
) -> None:
    proposal = register_proposal(body=office.county, fields=proposal_fields(office), actor=alice)
    reply = requested(proposal, bob, REPLY + NAMED)
    publish_reply(reply=reply, actor=carol)
    reply.refresh_from_db()
    assert (reply.publication, reply.published_at) == ("refused", None)
    assert _blocked_review_of(reply).actor == carol
