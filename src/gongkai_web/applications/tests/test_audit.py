"""The events are the audit trail: written once, never changed, and never half-written."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from gongkai.cases import Action
from gongkai_web.accounts.models import User
from gongkai_web.appendonly import AppendOnlyError
from gongkai_web.applications.models import Application, ApplicationEvent
from gongkai_web.applications.services import record_event

SEP_29 = dt.date(2025, 9, 29)


@pytest.fixture
def accepted(application: Application, bob: User) -> ApplicationEvent:
    return record_event(application=application, action=Action.ACCEPT, on=SEP_29, actor=bob)


def test_an_event_records_who_did_what_and_when(accepted: ApplicationEvent, bob: User) -> None:
    stored = ApplicationEvent.objects.get()
    assert (stored.actor, stored.action, stored.on) == (bob, Action.ACCEPT, SEP_29)
    assert stored.recorded_at is not None


def test_a_stored_event_cannot_be_changed(accepted: ApplicationEvent) -> None:
    accepted.on = dt.date(2025, 9, 30)
    with pytest.raises(AppendOnlyError, match="不能修改"):
        accepted.save()
    with pytest.raises(AppendOnlyError, match="不能修改"):
        ApplicationEvent.objects.filter(pk=accepted.pk).update(on=dt.date(2025, 9, 30))
    assert ApplicationEvent.objects.get().on == SEP_29


def test_a_stored_event_cannot_be_deleted(accepted: ApplicationEvent) -> None:
    with pytest.raises(AppendOnlyError, match="不能删除"):
        accepted.delete()
    with pytest.raises(AppendOnlyError, match="不能删除"):
        ApplicationEvent.objects.all().delete()
    assert ApplicationEvent.objects.count() == 1


def test_a_crash_after_the_insert_leaves_no_event(
    application: Application, bob: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    insert = ApplicationEvent.save

    def insert_then_crash(self: ApplicationEvent, *args: Any, **kwargs: Any) -> None:
        insert(self, *args, **kwargs)
        assert ApplicationEvent.objects.filter(pk=self.pk).exists()  # the row was written
        raise RuntimeError("the server died here")

    monkeypatch.setattr(ApplicationEvent, "save", insert_then_crash)
    with pytest.raises(RuntimeError):
        record_event(application=application, action=Action.ACCEPT, on=SEP_29, actor=bob)
    assert ApplicationEvent.objects.count() == 0


def test_the_admin_shows_applications_and_events_but_changes_nothing(
    application: Application, accepted: ApplicationEvent, admin_client: Client
) -> None:
    assert admin_client.get("/admin/applications/application/").status_code == 200
    assert admin_client.get(f"/admin/applications/application/{application.pk}/change/").status_code == 200
    assert admin_client.get(f"/admin/applications/applicationevent/{accepted.pk}/change/").status_code == 200
    assert admin_client.get("/admin/applications/application/add/").status_code == 403
    assert admin_client.get("/admin/applications/applicationevent/add/").status_code == 403
    delete = f"/admin/applications/applicationevent/{accepted.pk}/delete/"
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    change = f"/admin/applications/applicationevent/{accepted.pk}/change/"
    assert admin_client.post(change, {"on": "2025-09-30"}).status_code == 403
    assert ApplicationEvent.objects.get().on == SEP_29
