"""A baseline read but not yet confirmed, kept in the officer's session between upload and 确认导入.

Why the session and not a table: a preview belongs to the officer who uploaded the file, must not
be seen as imported by anyone else, and is dropped when abandoned; the session gives all three
without a model, a migration or a clean-up job (sessions live in the database, so the canonical
JSON of a report fits). Each preview carries a random token that the confirmation form posts
back: a confirmation from a page whose preview has since been confirmed, cancelled or replaced by
another upload — or a forged one — does not match and is refused.
"""

from __future__ import annotations

import secrets

from django.contrib.sessions.backends.base import SessionBase
from django.core.exceptions import ValidationError

from gongkai_web.bodies.models import Body
from gongkai_web.reports.services import BaselinePreview

STALE = "baseline_preview_stale"
STALE_MESSAGE = (
    "这份导入预览已失效（已确认、已取消或已被重新上传的文件取代），未导入任何内容；请重新上传文件。"
)


def _key(body: Body, year: int) -> str:
    return f"reports.baseline.{body.pk}.{year}"


def keep(session: SessionBase, body: Body, preview: BaselinePreview) -> str:
    """Hold ``preview`` for confirmation, replacing any earlier one of the same year; its token."""
    token = secrets.token_urlsafe(18)
    session[_key(body, preview.year)] = {"token": token, "preview": preview.to_json()}
    return token


def pending(session: SessionBase, body: Body, year: int) -> tuple[str, BaselinePreview] | None:
    """The token and preview waiting for confirmation, if any."""
    held = session.get(_key(body, year))
    if held is None:
        return None
    return held["token"], BaselinePreview.from_json(held["preview"])


def matching(session: SessionBase, body: Body, year: int, token: str) -> BaselinePreview:
    """The preview ``token`` names. Raises ValidationError (code `STALE`) when none waits under it."""
    held = pending(session, body, year)
    if held is None or not secrets.compare_digest(held[0].encode(), token.encode()):
        raise ValidationError(STALE_MESSAGE, code=STALE)
    return held[1]


def drop(session: SessionBase, body: Body, year: int) -> None:
    session.pop(_key(body, year), None)
