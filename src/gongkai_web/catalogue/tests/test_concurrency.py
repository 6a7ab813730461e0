"""Two reviewers at once, on PostgreSQL (SQLite serialises every write, so there is no race to test)."""

from __future__ import annotations

import pytest
from django.db import connection

from gongkai.catalogue import ReviewError, Stage, Step
from gongkai_web.accounts.models import User
from gongkai_web.bodies.models import Role
from gongkai_web.bodies.services import add_member
from gongkai_web.catalogue.models import CatalogueItem, ReviewRecord
from gongkai_web.catalogue.services import review_item, start_revision, submit_draft
from gongkai_web.catalogue.tests.conftest import TODAY, draft, fields, publish
from gongkai_web.personas import Office, person
from gongkai_web.testing import at_once

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent connections"),
]


def test_two_reviewers_approving_the_same_review_at_once_never_both_succeed(
    office: Office, bob: User, carol: User
) -> None:
    ivan = person("ivan")
    add_member(body=office.county, user=ivan, role=Role.REVIEWER)
    item = submit_draft(item=draft(office.county, bob), actor=bob)
    reviewers = [carol, ivan]  # list.pop is atomic: each thread takes its own reviewer

    def approve() -> object:
        return review_item(
            item=item, actor=reviewers.pop(), seen=Stage.FIRST_REVIEW, step=Step.APPROVE, today=TODAY
        )

    results = at_once(approve)
    refused = [result for result in results if isinstance(result, ReviewError)]
    assert len(refused) == 1
    assert refused[0].code == "catalogue_stage_changed"
    assert CatalogueItem.objects.get().stage == "second_review"
    assert ReviewRecord.objects.filter(step="approve").count() == 1


def test_two_changes_of_one_published_item_started_at_once_make_one_revision(
    office: Office, alice: User, bob: User, carol: User, hana: User
) -> None:
    item = publish(draft(office.county, bob), alice, carol, hana)
    authors = [alice, bob]

    def revise() -> object:
        return start_revision(
            item=item,
            actor=authors.pop(),
            fields=fields(title="某县2025年义务教育学区划分方案（修订）", changed_on=TODAY),
        )

    results = at_once(revise)
    refused = [result for result in results if isinstance(result, ReviewError)]
    assert [error.code for error in refused] == ["catalogue_revision_open"]
    assert CatalogueItem.objects.filter(revises=item).count() == 1
