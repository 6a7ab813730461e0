"""What the letters core refuses, under `gongkai.errors.GongkaiError`.

LetterError                a letter that cannot be made: unknown kind, facts of another case
├── TemplateError          a template an administrator cannot save (all its problems at once)
└── LetterFactError        a placeholder whose fact the case does not have, or a missing input
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.errors import GongkaiError


class LetterError(GongkaiError):
    code = "letter_invalid"


@dataclass(frozen=True, slots=True)
class TemplateProblem:
    """One problem of a template: a stable code, a Chinese message, and where (field, line, column)."""

    code: str
    message: str
    field: str = "text"
    line: int | None = None
    column: int | None = None


class TemplateError(LetterError):
    """A template with problems; ``problems`` lists every one, the message joins them."""

    code = "template_invalid"

    def __init__(self, problems: tuple[TemplateProblem, ...]) -> None:
        if not problems:
            raise ValueError("a TemplateError needs at least one problem")
        super().__init__("；".join(problem.message for problem in problems), code=problems[0].code)
        self.problems = problems


class LetterFactError(LetterError):
    code = "letter_fact_missing"
