"""A letter as a value, and `compose`: a kind's template filled from a case's facts.

The parts are those of an official document (GB/T 9704-2012): title, document number (发文字号),
addressee (主送), paragraphs, signature (发文机关署名) and date (成文日期). The renderers lay them
out; `Letter.text` is the plain text the web app keeps as the letter's record.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from gongkai.letters.facts import LetterFacts, chinese_date, values
from gongkai.letters.kinds import LetterKind
from gongkai.letters.template import Template, check, fill


@dataclass(frozen=True, slots=True)
class Letter:
    kind: LetterKind
    title: str
    number: str  # 发文字号, e.g. 某县人民政府依申请公开〔2025〕3号
    addressee: str  # the 主送 line with its colon, e.g. 张三：
    paragraphs: tuple[str, ...]
    signature: str  # the body's name
    date: date

    @property
    def date_text(self) -> str:
        return chinese_date(self.date)

    @property
    def text(self) -> str:
        """The whole letter as plain text, paragraphs indented with two ideographic spaces."""
        lines = [self.title, self.number, "", self.addressee]
        lines += [f"\u3000\u3000{paragraph}" for paragraph in self.paragraphs]
        lines += ["", self.signature, self.date_text]
        return "\n".join(lines) + "\n"


def check_template(kind: LetterKind, template: Template) -> None:
    """Raise TemplateError listing every problem of ``template`` as a template of ``kind``."""
    check(
        template,
        allowed=kind.placeholders,
        required=kind.required_placeholders,
        addressed_by=kind.addressee.value,
    )


def compose(
    kind: LetterKind, template: Template, facts: LetterFacts, *, number: str, signature: str, on: date
) -> Letter:
    """The letter ``template`` makes of ``facts``, numbered ``number``, signed and dated ``on``.

    Raises TemplateError for a template that does not fit the kind, LetterError for facts of
    another kind, LetterFactError for a placeholder the case cannot fill. Each template line is a
    paragraph, split again where a value holds line breaks; paragraphs left empty are dropped.
    """
    check_template(kind, template)
    filled = values(kind, facts)
    paragraphs = tuple(
        line.strip()
        for template_line in template.text.split("\n")
        if template_line.strip()
        for line in fill(template_line, filled).split("\n")
        if line.strip()
    )
    return Letter(
        kind=kind,
        title=fill(template.title, filled, "title").strip(),
        number=number,
        addressee=fill(template.addressee, filled, "addressee").strip(),
        paragraphs=paragraphs,
        signature=signature,
        date=on,
    )
