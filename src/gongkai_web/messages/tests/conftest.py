"""What the message tests share: a message as a citizen leaves one at the county on 2025-09-30.

30 September 2025 is a Tuesday before the 国庆/中秋 holiday (10月1日至8日) and Saturday 10月11日 is a
make-up workday, so the default five working days end on 2025-10-14.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from gongkai.messages import MessageKind
from gongkai_web.bodies.models import Body
from gongkai_web.messages.models import Message
from gongkai_web.messages.services import submit_message

RECEIVED = dt.date(2025, 9, 30)
DUE = dt.date(2025, 10, 14)
IDENTITY = "11010519491231002X"  # GB 11643's own example: a valid check character
SCHOOL_BUS = "我家孩子在城关镇第二小学读书，每天上学要走四十分钟。请问县里今年有没有开通校车的计划？"
ANSWER = "经了解，县教育局已会同县交通运输局制定城关镇校车线路方案，计划于2026年春季学期开通。"

_keys = itertools.count(1)


def leave(body: Body, **overrides: Any) -> Message:
    """A consultation about a school bus, left on the portal on 2025-09-30, agreeing to publication."""
    arguments: dict[str, Any] = {
        "body": body,
        "kind": MessageKind.CONSULTATION,
        "title": "城关镇第二小学是否开通校车",
        "text": SCHOOL_BUS,
        "contact": "13700001111",
        "consents_to_publication": True,
        "submission_key": f"{body.pk}:test-{next(_keys)}",
        "today": RECEIVED,
    }
    return submit_message(**(arguments | overrides)).message
