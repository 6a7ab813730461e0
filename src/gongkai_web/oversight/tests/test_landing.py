"""After logging in, a user who only supervises lands on the oversight dashboard, not a 403 at /office/."""

from __future__ import annotations

from django.test import Client
from django.utils import timezone

from gongkai_web.accounts.models import User
from gongkai_web.bodies.models import Body, Role
from gongkai_web.bodies.services import add_member

PASSWORD = "huaian-2025-oversight"


def log_in(client: Client, user: User) -> str:
    """Log in through the login form as a person would; the page the redirects end on."""
    user.set_password(PASSWORD)
    user.save()
    response = client.post("/office/login/", {"username": user.username, "password": PASSWORD}, follow=True)
    assert response.status_code == 200
    return str(response.request["PATH_INFO"])


def test_a_user_who_only_supervises_lands_on_last_years_dashboard(client: Client, sam: User) -> None:
    assert log_in(client, sam) == f"/office/oversight/{timezone.localdate().year - 1}/"


def test_a_supervisor_who_also_holds_a_post_keeps_the_office_queue(
    client: Client, sam: User, jiangsu: dict[str, Body]
) -> None:
    add_member(body=jiangsu["淮安市民政局"], user=sam, role=Role.REGISTRAR)
    assert log_in(client, sam) == "/office/"


def test_a_user_with_neither_post_nor_supervision_is_still_refused(client: Client, nora: User) -> None:
    nora.set_password(PASSWORD)
    nora.save()
    response = client.post("/office/login/", {"username": "nora", "password": PASSWORD}, follow=True)
    assert response.status_code == 403
