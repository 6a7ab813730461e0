"""What the management commands share: reading a ``--date`` option."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import CommandError


def date_option(value: str) -> dt.date:
    """A ``--date`` value as a date; a Chinese CommandError for anything but YYYY-MM-DD."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--date 应为 YYYY-MM-DD 格式的日期，实际为 {value!r}") from None
