"""The API's test world: the shared office, the twins it refuses, a token per person, a fixed today.

The personas are the shared ones (`gongkai_web.personas`): alice registers, bob handles in 教育股,
carol reviews, all of 某县人民政府; erin handles in 办公室 (another department), frank administers
the county (a role that sees cases but works none), dave holds every role in 某县财政局 (another
body). Requests go through Django's test client to the real URLs, each with the token of the
person named.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.serializers.json import DjangoJSONEncoder
from django.test import Client

from gongkai_web.accounts.models import User
from gongkai_web.api import queries
from gongkai_web.api.services import issue_api_token, revoke_api_token
from gongkai_web.applications.models import Application
from gongkai_web.applications.queries import case_clock
from gongkai_web.personas import Office

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

SEPTEMBER_29 = dt.date(2025, 9, 29)  # the Monday after the walk-in: 19 working days left


@dataclass
class Today:
    """The date the API computes deadlines for; tests move it."""

    date: dt.date = SEPTEMBER_29


@pytest.fixture(autouse=True)
def today(monkeypatch: pytest.MonkeyPatch) -> Today:
    fixed = Today()
    monkeypatch.setattr(queries, "today", lambda: fixed.date)
    return fixed


@pytest.fixture(autouse=True)
def _no_limit_spent(empty_cache: None) -> None:
    """The tracking rate limit counts in the cache: every test starts with none spent."""


@dataclass
class Api:
    """The test client speaking JSON to /api/v1/, as a named person (their token) or no one."""

    client: Client = field(default_factory=Client)
    tokens: dict[int, str] = field(default_factory=dict)

    def token(self, user: User) -> str:
        if user.pk not in self.tokens:
            self.tokens[user.pk] = issue_api_token(user=user, name="tests").value
        return self.tokens[user.pk]

    def headers(self, user: User | None, token: str | None = None, **extra: str) -> dict[str, str]:
        value = token if token is not None else self.token(user) if user is not None else None
        return extra | ({"Authorization": f"Bearer {value}"} if value is not None else {})

    def get(
        self, path: str, as_user: User | None = None, *, token: str | None = None, **params: Any
    ) -> Response:
        return self.client.get(f"/api/v1{path}", params, headers=self.headers(as_user, token))

    def post(
        self,
        path: str,
        body: object,
        as_user: User | None = None,
        *,
        token: str | None = None,
        raw: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> Response:
        return self.client.post(
            f"/api/v1{path}",
            raw if raw is not None else json.dumps(body),
            content_type="application/json",
            headers=self.headers(as_user, token, **(headers or {})),
        )

    def put(self, path: str, body: object, as_user: User | None = None) -> Response:
        return self.client.put(
            f"/api/v1{path}", json.dumps(body), content_type="application/json", headers=self.headers(as_user)
        )

    def upload(self, path: str, file: SimpleUploadedFile, as_user: User | None = None) -> Response:
        """A multipart POST of ``file`` as the form field ``file``."""
        return self.client.post(f"/api/v1{path}", {"file": file}, headers=self.headers(as_user))

    def revoked_token(self, user: User) -> str:
        issued = issue_api_token(user=user, name="revoked")
        revoke_api_token(token=issued.token)
        return issued.value


@pytest.fixture
def api(db: None) -> Api:
    return Api()


def error(code: str, message: str, field: str | None = None) -> dict[str, object]:
    return {"code": code, "message": message, "field": field}


NO_TOKEN = error("token_missing", "缺少接口令牌：请在请求头中提供 Authorization: Bearer <令牌>")


def registration(office: Office, **overrides: object) -> dict[str, object]:
    """The JSON a registrar sends for 张三's walk-in of 2025-09-28, assigned to 教育股."""
    return {
        "body": office.county.pk,
        "department": office.education.pk,
        "applicant_type": "natural_person",
        "applicant_name": "张三",
        "identity_document": "110101199001011234",
        "contact": "13800000000",
        "description": "2025年本县义务教育阶段学校名单",
        "medium": "electronic",
        "delivery": "email",
        "channel": "in_person",
        "submitted_on": "2025-09-28",
        "receipt_basis": "handed_in",
        "received_on": "2025-09-28",
    } | overrides


def iso(moment: dt.datetime | None) -> str | None:
    """A timestamp as the API writes it (Django's JSON encoder)."""
    return None if moment is None else DjangoJSONEncoder().default(moment)


def clock_json(application: Application, on: dt.date) -> dict[str, object]:
    """The core clock of ``application`` as of ``on``, in the API's words: what the API must answer."""
    clock = case_clock(application, today=on)
    return {
        "status": clock.status.value,
        "clock_started_on": clock.clock_started_on.isoformat(),
        "limit": clock.limit,
        "due_on": clock.due_on.isoformat() if clock.due_on else None,
        "days_left": clock.days_left,
        "overdue": clock.overdue,
        "provisional": clock.provisional,
        "provisional_years": list(clock.provisional_years),
        "correction_deadline": _date(clock.correction_deadline),
        "payment_deadline": _date(clock.payment_deadline),
        "consultation_answer_deadline": _date(clock.consultation_answer_deadline),
        "steps": list(clock.steps),
        "explanation": clock.explanation,
    }


def _date(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()
