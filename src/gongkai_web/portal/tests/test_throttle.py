"""Per-address limits on submissions and lookups, answered with a Chinese 429 page."""

from __future__ import annotations

from django.test import Client, RequestFactory
from django.urls import reverse

from gongkai_web.applications.models import Application
from gongkai_web.personas import Office
from gongkai_web.portal.throttle import LOOKUPS, SUBMISSIONS, RateLimit, seconds_to_wait

from .conftest import apply_url, valid_form


def test_submissions_beyond_the_limit_get_a_chinese_429_page(client: Client, office: Office) -> None:
    url = apply_url(office)
    data = valid_form(client, url, name="")  # invalid: every attempt counts, stored or not
    for _ in range(SUBMISSIONS.requests):
        assert client.post(url, data, REMOTE_ADDR="203.0.113.7").status_code == 400
    refused = client.post(url, valid_form(client, url), REMOTE_ADDR="203.0.113.7")
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= SUBMISSIONS.seconds
    page = refused.content.decode()
    assert "操作过于频繁，请稍后再试" in page
    assert "同一网络地址每 10 分钟 20 次" in page
    assert not Application.objects.exists()


def test_another_address_is_not_held_back(client: Client, office: Office) -> None:
    url = apply_url(office)
    data = valid_form(client, url, name="")
    for _ in range(SUBMISSIONS.requests + 1):
        client.post(url, data, REMOTE_ADDR="203.0.113.7")
    assert client.post(url, valid_form(client, url), REMOTE_ADDR="198.51.100.2").status_code == 302


def test_reading_the_form_is_not_counted_as_submitting(client: Client, office: Office) -> None:
    url = apply_url(office)
    for _ in range(SUBMISSIONS.requests + 5):
        assert client.get(url, REMOTE_ADDR="203.0.113.7").status_code == 200


def test_lookups_beyond_the_limit_get_a_429_page_whether_the_code_exists_or_not(
    client: Client, db: None
) -> None:
    for _ in range(LOOKUPS.requests):
        assert (
            client.get(reverse("portal:status", args=["guess"]), REMOTE_ADDR="203.0.113.9").status_code == 404
        )
    refused = client.get(reverse("portal:status", args=["guess"]), REMOTE_ADDR="203.0.113.9")
    assert refused.status_code == 429
    assert "每 1 分钟 60 次" in refused.content.decode()


def test_a_window_counts_from_its_start_and_the_next_window_starts_afresh(
    rf: RequestFactory, db: None
) -> None:
    limit = RateLimit("test", requests=2, seconds=60)
    request = rf.get("/", REMOTE_ADDR="192.0.2.1")
    assert seconds_to_wait(limit, request, now=6000.0) is None
    assert seconds_to_wait(limit, request, now=6010.0) is None
    assert seconds_to_wait(limit, request, now=6015.5) == 45
    assert seconds_to_wait(limit, request, now=6060.0) is None  # a new minute


def test_limits_describe_themselves_in_chinese() -> None:
    assert RateLimit("a", 20, 600).description == "每 10 分钟 20 次"
    assert RateLimit("b", 5, 3600).description == "每 1 小时 5 次"
    assert RateLimit("c", 3, 45).description == "每 45 秒 3 次"
