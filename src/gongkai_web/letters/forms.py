"""The office's form to generate a letter: which event and kind, and the values an officer types."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django import forms

from gongkai.letters import KINDS
from gongkai_web.letters.queries import LetterOption

# Form field → the placeholder it fills; labels come from the core's LetterInput of each kind.
INPUT_FIELDS: Mapping[str, str] = {
    "addressee": "征求意见对象",
    "access": "获取方式",
    "responsible_body": "负责机关",
}
_LABELS = {letter_input.name: letter_input.label for kind in KINDS for letter_input in kind.inputs}


class GenerateLetterForm(forms.Form):
    option = forms.ChoiceField(label="告知的办理事项和文书种类")
    addressee = forms.CharField(label=_LABELS["征求意见对象"], max_length=200, required=False)
    access = forms.CharField(
        label=_LABELS["获取方式"].split("（")[0],
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    responsible_body = forms.CharField(label=_LABELS["负责机关"], max_length=500, required=False)

    def __init__(self, *args: Any, options: Sequence[LetterOption], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.options = {option.value: option for option in options}
        field = self.fields["option"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(option.value, option.label) for option in options]
        # Likeliest next: the first letter not yet made of the latest event that has one.
        pending = [option for option in options if not option.generated]
        if pending:
            latest = pending[-1].event
            field.initial = next(option for option in pending if option.event == latest).value

    def chosen(self) -> LetterOption:
        return self.options[self.cleaned_data["option"]]

    def inputs(self) -> dict[str, str]:
        """What the officer typed, by placeholder; blank fields left out."""
        return {
            placeholder: self.cleaned_data[field].strip()
            for field, placeholder in INPUT_FIELDS.items()
            if self.cleaned_data[field].strip()
        }
