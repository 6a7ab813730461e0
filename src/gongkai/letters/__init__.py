"""Letters and notices (告知书) of 依申请公开 cases, framework-free.

A letter kind (`kinds`) says which event it tells, which placeholders its template may use and
what it must state; templates (`template`) are plain text with a fixed vocabulary of placeholders;
`defaults` holds the text of every kind until an administrator edits it; `facts` turns a case into
the placeholders' values; `compose` fills a template into a `Letter`; `render` writes it as Word
or PDF in the 公文 layout (GB/T 9704-2012).
"""

from gongkai.letters.defaults import DEFAULT_TEMPLATES, default_template
from gongkai.letters.errors import LetterError, LetterFactError, TemplateError, TemplateProblem
from gongkai.letters.facts import (
    CaseFacts,
    ConsultationFacts,
    CorrectionFacts,
    ExtensionFacts,
    FeeFacts,
    LetterFacts,
    chinese_date,
    legal_basis,
)
from gongkai.letters.kinds import (
    KINDS,
    Addressee,
    LetterInput,
    LetterKind,
    letter_kind,
    letter_kind_for,
    letter_kinds_for,
    reply_kinds,
)
from gongkai.letters.letter import Letter, check_template, compose
from gongkai.letters.remedies import GENERIC_COURT, GENERIC_REVIEW_BODY, Remedies, RemedyRoute
from gongkai.letters.template import PLACEHOLDERS, Template

__all__ = [
    "DEFAULT_TEMPLATES",
    "GENERIC_COURT",
    "GENERIC_REVIEW_BODY",
    "KINDS",
    "PLACEHOLDERS",
    "Addressee",
    "CaseFacts",
    "ConsultationFacts",
    "CorrectionFacts",
    "ExtensionFacts",
    "FeeFacts",
    "Letter",
    "LetterError",
    "LetterFactError",
    "LetterFacts",
    "LetterInput",
    "LetterKind",
    "Remedies",
    "RemedyRoute",
    "Template",
    "TemplateError",
    "TemplateProblem",
    "check_template",
    "chinese_date",
    "compose",
    "default_template",
    "legal_basis",
    "letter_kind",
    "letter_kind_for",
    "letter_kinds_for",
    "reply_kinds",
]
