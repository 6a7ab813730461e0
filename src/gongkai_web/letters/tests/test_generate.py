"""generate_letter: filled from the case as of its event, numbered per body and year, stored, logged."""

from __future__ import annotations

import datetime as dt
import hashlib
from io import BytesIO

import docx
import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pytest
from django.core.exceptions import ValidationError

from gongkai.cases import Action
from gongkai.fees import FeeMethod
from gongkai.formats import Article
from gongkai.letters import LetterFactError, TemplateError, default_template, letter_kind
from gongkai_web.accounts.models import User
from gongkai_web.appendonly import AppendOnlyError
from gongkai_web.applications.models import Application, CaseLogEntry, Delivery, LogKind
from gongkai_web.applications.services import NotPermitted, request_fee
from gongkai_web.letters.models import Letter, LetterSettings, LetterTemplate
from gongkai_web.letters.queries import (
    letter_kind_for,
    letter_options,
    letters_for_applicant,
    letters_of,
    template_for,
)
from gongkai_web.letters.services import generate_letter
from gongkai_web.personas import Office, walk_in

from .conftest import OCT_20, SEP_29, SEP_30, step

OPENING = "本机关于2025年9月28日收到您提出的政府信息公开申请，您申请获取“2025年本县义务教育阶段学校名单”。"
COUNTY_REMEDIES = (
    "如对本告知书不服，可以自收到本告知书之日起60日内向有管辖权的行政复议机关申请行政复议，"
    "也可以自收到本告知书之日起6个月内向有管辖权的人民法院提起行政诉讼。"
)


def correction_requested(application: Application, bob: User) -> None:
    step(
        application,
        Action.REQUEST_CORRECTION,
        SEP_30,
        bob,
        items="请写明所需名单的学段（小学或者初中）",
        respond_by=dt.date(2025, 10, 17),
    )


def test_a_correction_letter_is_filled_numbered_stored_and_logged(
    application: Application, bob: User
) -> None:
    correction_requested(application, bob)
    letter = generate_letter(application=application, kind="correction", actor=bob, on=SEP_30)
    assert letter.number == "某县人民政府依申请公开〔2025〕1号"
    assert letter.title == "政府信息公开申请补正告知书"
    assert letter.addressee == "张三："
    assert letter.event is not None and letter.event.action == Action.REQUEST_CORRECTION
    assert letter.text.splitlines()[5:7] == [
        "\u3000\u3000请写明所需名单的学段（小学或者初中）",
        "\u3000\u3000请您于2025年10月17日前向本机关提交补正后的申请。答复期限自本机关收到补正后的申请之日起计算。"
        "您无正当理由逾期不补正的，视为放弃申请，本机关不再处理您的该政府信息公开申请。",
    ]
    stored_docx, stored_pdf = letter.docx.read(), letter.pdf.read()
    assert hashlib.sha256(stored_docx).hexdigest() == letter.docx_sha256
    assert hashlib.sha256(stored_pdf).hexdigest() == letter.pdf_sha256
    assert docx.Document(BytesIO(stored_docx)).paragraphs[1].text == letter.number
    assert "请写明所需名单的学段" in pdfium.PdfDocument(stored_pdf)[0].get_textpage().get_text_range()
    assert letter.docx.name.startswith("letters/") and letter.docx.name.endswith(".docx")
    entry = CaseLogEntry.objects.get(application=application, kind=LogKind.LETTER)
    assert entry.summary == "生成补正告知书（某县人民政府依申请公开〔2025〕1号）"
    assert (entry.actor, entry.details["letter"]) == (bob, letter.pk)


def test_numbers_run_per_body_and_year(
    office: Office, application: Application, alice: User, bob: User, dave: User
) -> None:
    correction_requested(application, bob)
    first = generate_letter(application=application, kind="correction", actor=bob, on=SEP_30)
    second = generate_letter(application=application, kind="correction", actor=alice, on=OCT_20)
    next_year = generate_letter(
        application=application, kind="correction", actor=alice, on=dt.date(2026, 1, 5)
    )
    assert [first.number, second.number, next_year.number] == [
        "某县人民政府依申请公开〔2025〕1号",
        "某县人民政府依申请公开〔2025〕2号",
        "某县人民政府依申请公开〔2026〕1号",
    ]
    other = walk_in(office, dave, body=office.finance_bureau, department=None)
    step(other, Action.DECIDE, SEP_30, dave, outcome="granted")
    LetterSettings.objects.create(body=office.finance_bureau, number_prefix="某财依申")
    assert generate_letter(application=other, kind="reply.granted", actor=dave, on=SEP_30).number == (
        "某财依申〔2025〕1号"
    )


def test_a_letter_that_cannot_be_filled_uses_no_number(
    application: Application, bob: User, carol: User
) -> None:
    step(application, Action.REQUEST_CORRECTION, SEP_30, bob, items="请写明学段")  # no period given
    with pytest.raises(LetterFactError, match="告知补正时没有记录补正期限"):
        generate_letter(application=application, kind="correction", actor=bob, on=SEP_30)
    assert not Letter.objects.exists()
    step(application, Action.RECEIVE_CORRECTION, dt.date(2025, 10, 9), bob)
    step(application, Action.DECIDE, dt.date(2025, 10, 10), carol, outcome="granted")
    letter = generate_letter(
        application=application, kind="reply.granted", actor=bob, on=dt.date(2025, 10, 10)
    )
    assert letter.number.endswith("〔2025〕1号")


def test_an_extension_letter_gives_the_deadline_before_and_after_from_the_clock(
    application: Application, bob: User, carol: User
) -> None:
    step(application, Action.ACCEPT, SEP_29, bob)
    step(
        application,
        Action.EXTEND,
        dt.date(2025, 10, 24),
        carol,
        working_days=20,
        notified_on=dt.date(2025, 10, 24),
    )
    letter = generate_letter(application=application, kind="extension", actor=carol, on=dt.date(2025, 10, 24))
    # 20 working days from 2025-09-28 skip 国庆 (10月1日–8日) and count 调休 Saturday 10月11日: 10月31日.
    assert (
        "\u3000\u3000本机关原应于2025年10月31日前作出答复，延长后将于2025年11月28日前向您作出答复。"
        in letter.text
    )
    assert "经本机关政府信息公开工作机构负责人于2025年10月24日同意" in letter.text


def test_a_reply_states_the_recorded_decision_and_the_remedies(
    application: Application, bob: User, carol: User
) -> None:
    step(application, Action.ACCEPT, SEP_29, bob)
    step(
        application,
        Action.DECIDE,
        OCT_20,
        carol,
        outcome="withheld.internal_affairs",
        reasons="该名单为本机关内部工作流程中形成的人员排班信息",
        articles=[Article("第十六条第一款")],
    )
    letter = generate_letter(
        application=application, kind="reply.withheld.internal_affairs", actor=carol, on=OCT_20
    )
    assert letter.text.splitlines()[4:8] == [
        f"\u3000\u3000{OPENING}经审查，现答复如下：",
        "\u3000\u3000您申请获取的政府信息属于人事管理、后勤管理、内部工作流程等方面的内部事务信息。"
        "根据《中华人民共和国政府信息公开条例》第十六条第一款的规定，本机关决定不予公开。",
        "\u3000\u3000理由：该名单为本机关内部工作流程中形成的人员排班信息。",
        "\u3000\u3000如对本告知书中不予公开的决定不服，应当自收到本告知书之日起60日内先向有管辖权的行政复议机关"
        "申请行政复议；对行政复议决定不服的，可以自收到行政复议决定书之日起15日内向有管辖权的人民法院提起行政诉讼。",
    ]


def test_remedies_name_the_parent_government_unless_the_body_set_them(
    office: Office, bob: User, carol: User, dave: User
) -> None:
    officer = dave
    bureau_case = walk_in(office, officer, body=office.finance_bureau, department=None)
    step(bureau_case, Action.DECIDE, SEP_30, officer, outcome="granted")
    letter = generate_letter(application=bureau_case, kind="reply.granted", actor=officer, on=SEP_30)
    assert "60日内向某县人民政府申请行政复议" in letter.text
    LetterSettings.objects.create(body=office.finance_bureau, review_body="某市财政局", court="某县人民法院")
    letter = generate_letter(application=bureau_case, kind="reply.granted", actor=officer, on=SEP_30)
    assert (
        "60日内向某市财政局申请行政复议，也可以自收到本告知书之日起6个月内向某县人民法院提起行政诉讼"
        in letter.text
    )


def test_a_granted_reply_uses_the_way_the_applicant_chose(
    application: Application, bob: User, carol: User
) -> None:
    step(application, Action.DECIDE, SEP_30, carol, outcome="granted")
    letter = generate_letter(application=application, kind="reply.granted", actor=carol, on=SEP_30)
    assert (
        "本机关按照您申请时选择的获取方式（电子邮件），以电子文件形式向您提供该政府信息，随本告知书一并送达。"
        in (letter.text)
    )
    assert COUNTY_REMEDIES in letter.text


def test_a_reply_to_be_collected_needs_the_place_and_time(office: Office, alice: User, carol: User) -> None:
    collecting = walk_in(office, alice, delivery=Delivery.COLLECT)
    step(collecting, Action.DECIDE, SEP_30, carol, outcome="granted")
    with pytest.raises(LetterFactError, match="请填写领取的地点和时间"):
        generate_letter(application=collecting, kind="reply.granted", actor=carol, on=SEP_30)
    letter = generate_letter(
        application=collecting,
        kind="reply.granted",
        actor=carol,
        on=SEP_30,
        inputs={"获取方式": "请于2025年10月9日起到县政务服务中心3号窗口领取"},
    )
    assert "本机关决定予以公开。请于2025年10月9日起到县政务服务中心3号窗口领取。" in letter.text


def test_a_consultation_letter_goes_to_the_party_named_and_not_to_the_applicant(
    application: Application, bob: User
) -> None:
    step(application, Action.ACCEPT, SEP_29, bob)
    step(application, Action.START_CONSULTATION, SEP_30, bob, party="third_party")
    with pytest.raises(LetterFactError, match="须填写：收件人"):
        generate_letter(application=application, kind="consultation.third_party", actor=bob, on=SEP_30)
    letter = generate_letter(
        application=application,
        kind="consultation.third_party",
        actor=bob,
        on=SEP_30,
        inputs={"征求意见对象": "某县第一中学"},
    )
    assert letter.addressee == "某县第一中学："
    assert "张三" not in letter.text
    assert letters_for_applicant(application) == []
    assert letters_of(application) == [letter]


def test_the_fee_notice_prints_the_tariff_of_the_recorded_notice(application: Application, bob: User) -> None:
    step(application, Action.ACCEPT, SEP_29, bob)
    request_fee(
        application=application,
        method=FeeMethod.PER_VOLUME,
        pages=150,
        on=SEP_30,
        actor=bob,
        payment_method="银行转账至某县财政局非税收入账户",
    )
    letter = generate_letter(application=application, kind="fee", actor=bob, on=SEP_30)
    assert "\u3000\u3000三、收费金额：人民币1700元。" in letter.text
    assert "\u3000\u3000四、缴纳方式：银行转账至某县财政局非税收入账户。" in letter.text


def test_a_correction_lapse_is_told_in_a_termination_letter(application: Application, bob: User) -> None:
    correction_requested(application, bob)
    step(application, Action.CORRECTION_LAPSED, OCT_20, bob)
    event = application.events.last()
    assert event is not None and letter_kind_for(event).id == "reply.other.no_correction"  # type: ignore[union-attr]
    letter = generate_letter(application=application, kind="reply.other.no_correction", actor=bob, on=OCT_20)
    assert letter.title == "政府信息公开申请终止办理告知书"
    assert "本机关已于2025年9月30日告知您对申请作出补正。您无正当理由逾期未补正" in letter.text


def test_a_withdrawal_letter_says_the_applicant_withdrew(application: Application, bob: User) -> None:
    step(application, Action.WITHDRAW, SEP_30, bob)
    letter = generate_letter(application=application, kind="reply.other.other", actor=bob, on=SEP_30)
    assert (
        "\u3000\u3000您已撤回该政府信息公开申请。本机关于2025年9月30日终止办理您的该政府信息公开申请。"
        in letter.text
    )


def test_a_letter_must_fit_the_event_it_tells(application: Application, bob: User, carol: User) -> None:
    with pytest.raises(ValidationError, match="本案尚无可用“补正告知书”告知的办理事项") as error:
        generate_letter(application=application, kind="correction", actor=bob, on=SEP_30)
    assert error.value.code == "letter_no_event"
    decided = step(application, Action.DECIDE, SEP_30, carol, outcome="granted")
    with pytest.raises(ValidationError, match="“作出答复”不能用“补正告知书”告知") as error:
        generate_letter(application=application, kind="correction", actor=bob, event=decided, on=SEP_30)
    assert error.value.code == "letter_event_mismatch"
    with pytest.raises(ValidationError) as error:
        generate_letter(application=application, kind="reply.granted", actor=bob, on=dt.date(2025, 9, 29))
    assert error.value.code == "letter_dated_before_event"


def test_the_bodys_template_wins_over_the_shared_one_and_the_default(
    office: Office, application: Application, bob: User, carol: User
) -> None:
    kind = letter_kind("reply.granted")
    assert template_for(office.county, kind) == default_template("reply.granted")
    shared = LetterTemplate.objects.create(
        kind="reply.granted",
        title="答复书",
        addressee="{申请人}：",
        text="依据{法律依据}予以公开。{获取方式}{救济途径}",
    )
    assert template_for(office.county, kind) == shared.template
    own = LetterTemplate.objects.create(
        kind="reply.granted",
        body=office.county,
        title="某县人民政府政府信息公开申请答复书",
        addressee="{申请人}：",
        text="经审查，依据{法律依据}予以公开。\n{获取方式}\n{救济途径}",
    )
    step(application, Action.DECIDE, SEP_30, carol, outcome="granted")
    letter = generate_letter(application=application, kind="reply.granted", actor=bob, on=SEP_30)
    assert letter.title == own.title
    assert (
        letter.text.splitlines()[4]
        == "\u3000\u3000经审查，依据《中华人民共和国政府信息公开条例》第三十六条第（二）项予以公开。"
    )


def test_a_stored_template_that_no_longer_checks_is_refused_at_generation(
    office: Office, application: Application, carol: User
) -> None:
    LetterTemplate.objects.create(
        kind="reply.granted", body=office.county, title="答复", addressee="{申请人}：", text="予以公开。"
    )
    step(application, Action.DECIDE, SEP_30, carol, outcome="granted")
    with pytest.raises(TemplateError, match="本文书必须写明"):
        generate_letter(application=application, kind="reply.granted", actor=carol, on=SEP_30)


def test_a_generated_letter_cannot_be_changed(application: Application, bob: User) -> None:
    correction_requested(application, bob)
    letter = generate_letter(application=application, kind="correction", actor=bob, on=SEP_30)
    letter.title = "改过的标题"
    with pytest.raises(AppendOnlyError):
        letter.save()
    with pytest.raises(AppendOnlyError):
        Letter.objects.filter(pk=letter.pk).delete()


def test_the_options_follow_the_events(application: Application, bob: User, carol: User) -> None:
    assert letter_options(application) == []
    correction_requested(application, bob)
    step(application, Action.RECEIVE_CORRECTION, dt.date(2025, 10, 9), bob)
    step(application, Action.ACCEPT, dt.date(2025, 10, 9), bob)
    step(application, Action.START_CONSULTATION, dt.date(2025, 10, 10), bob, party="third_party")
    step(application, Action.END_CONSULTATION, dt.date(2025, 10, 20), bob)
    step(application, Action.DECIDE, dt.date(2025, 10, 21), carol, outcome="granted")
    generate_letter(application=application, kind="correction", actor=bob, on=dt.date(2025, 10, 21))
    assert [option.label for option in letter_options(application)] == [
        "2025-09-30 告知补正 → 补正告知书（已生成1份）",
        "2025-10-10 征求意见 → 征求第三方意见函（第三十二条）",
        "2025-10-21 作出答复 → 答复告知书：（一）予以公开",
        "2025-10-21 作出答复 → 答复告知书：已主动公开（第三十六条第（一）项）",
        "2025-10-21 作出答复 → 公开决定告知书（告知第三方，第三十二条）",
    ]


@pytest.mark.parametrize("who", ["erin", "dave", "frank"])
def test_others_cannot_generate_letters(
    application: Application, bob: User, who: str, request: pytest.FixtureRequest
) -> None:
    correction_requested(application, bob)
    with pytest.raises(NotPermitted) as error:
        generate_letter(
            application=application, kind="correction", actor=request.getfixturevalue(who), on=SEP_30
        )
    assert error.value.code == "not_letter_officer"
    assert not Letter.objects.exists()


@pytest.mark.parametrize("who", ["alice", "bob", "carol", "hana"])
def test_the_bodys_registrars_reviewers_heads_and_the_cases_handlers_generate_letters(
    application: Application, bob: User, who: str, request: pytest.FixtureRequest
) -> None:
    correction_requested(application, bob)
    actor = request.getfixturevalue(who)
    assert (
        generate_letter(application=application, kind="correction", actor=actor, on=SEP_30).generated_by
        == actor
    )
