"""Two reviewers at once, on PostgreSQL (SQLite serialises every write, so there is no race to test)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from gongkai.catalogue import Stage, Step
from gongkai_web.accounts.models import User
from gongkai_web.bodies.models import Role
from gongkai_web.bodies.services import add_member
from gongkai_web.catalogue.models import CatalogueItem, ReviewRecord
from gongkai_web.catalogue.services import review_item, submit_draft
from gongkai_web.catalogue.tests.conftest import TODAY, draft
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
    refused = [result for result in results if isinstance(result, ValidationError)]
    assert len(refused) == 1
    assert refused[0].code == "catalogue_stage_changed"
    assert CatalogueItem.objects.get().stage == "second_review"
    assert ReviewRecord.objects.filter(step="approve").count() == 1
