"""Two letters of one body at once take two numbers, on PostgreSQL (SQLite serialises every write)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from gongkai.cases import Action
from gongkai_web.accounts.models import User
from gongkai_web.applications.models import Application
from gongkai_web.letters.models import Letter
from gongkai_web.letters.services import generate_letter
from gongkai_web.testing import at_once

from .conftest import SEP_30, step

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent connections"),
]


def test_two_letters_at_once_take_consecutive_numbers(application: Application, bob: User) -> None:
    step(
        application,
        Action.REQUEST_CORRECTION,
        SEP_30,
        bob,
        items="请写明学段",
        respond_by=dt.date(2025, 10, 17),
    )
    results = at_once(
        lambda: generate_letter(application=application, kind="correction", actor=bob, on=SEP_30), times=4
    )
    assert all(isinstance(result, Letter) for result in results), results
    assert sorted(Letter.objects.values_list("sequence", flat=True)) == [1, 2, 3, 4]
