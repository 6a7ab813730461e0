"""Form fields the apps' forms share: a date picker, and the form field of a model column."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models


class DateInput(forms.DateInput):
    """The browser's date picker, reading and writing ``YYYY-MM-DD``."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


def column_field(model: type[models.Model], name: str, **overrides: Any) -> forms.Field:
    """The form field of a model column: its label, length and choices are defined once, on the model."""
    column = model._meta.get_field(name)
    assert isinstance(column, models.Field), name
    field: forms.Field | None = column.formfield(**overrides)
    assert field is not None, name
    return field
