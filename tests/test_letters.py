"""Letters of 依申请公开 cases: kinds, templates with a fixed vocabulary, and letters filled from cases."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from gongkai.cases import OUTCOMES, Action, Decision, Outcome
from gongkai.clock import ConsultationParty
from gongkai.fees import FeeMethod, FeeNotice, assess
from gongkai.formats import Article
from gongkai.letters import (
    DEFAULT_TEMPLATES,
    KINDS,
    PLACEHOLDERS,
    CaseFacts,
    ConsultationFacts,
    CorrectionFacts,
    ExtensionFacts,
    FeeFacts,
    LetterError,
    LetterFactError,
    LetterFacts,
    Remedies,
    Template,
    TemplateError,
    check_template,
    chinese_date,
    compose,
    default_template,
    legal_basis,
    letter_kind,
    letter_kind_for,
    letter_kinds_for,
    reply_kinds,
)
from gongkai.letters.facts import WITHDRAWAL_REASONS
from gongkai.letters.render.layout import closing

RECEIVED = date(2025, 9, 28)
CASE = CaseFacts(
    body="某县人民政府",
    applicant="张三",
    received_on=RECEIVED,
    information="2025年本县义务教育阶段学校名单",
    medium="电子文件",
    delivery="电子邮件",
)
REMEDIES = Remedies(review_body="某市人民政府", court="某市中级人民法院")
NUMBER = "某县人民政府依申请公开〔2025〕3号"
OPENING = "本机关于2025年9月28日收到您提出的政府信息公开申请，您申请获取“2025年本县义务教育阶段学校名单”。"
ORDINARY_REMEDIES = (
    "如对本告知书不服，可以自收到本告知书之日起60日内向某市人民政府申请行政复议，"
    "也可以自收到本告知书之日起6个月内向某市中级人民法院提起行政诉讼。"
)
REVIEW_FIRST_REMEDIES = (
    "如对本告知书中不予公开的决定不服，应当自收到本告知书之日起60日内先向某市人民政府申请行政复议；"
    "对行政复议决定不服的，可以自收到行政复议决定书之日起15日内向某市中级人民法院提起行政诉讼。"
)


def letter(kind_id: str, on: date = date(2025, 10, 20), template: Template | None = None, **facts: object):
    kind = letter_kind(kind_id)
    given = LetterFacts(case=CASE, remedies=REMEDIES)
    return compose(
        kind,
        template or default_template(kind_id),
        replace(given, **facts),  # type: ignore[arg-type]
        number=NUMBER,
        signature="某县人民政府",
        on=on,
    )


def decided(outcome_id: str, reasons: str = "", *articles: Article) -> Decision:
    return Decision(Outcome(outcome_id), date(2025, 10, 20), reasons, tuple(articles))


# -- the kinds ----------------------------------------------------------------------------------


def test_every_outcome_row_of_table_3_has_a_reply_letter():
    assert {kind.outcome for kind in KINDS if kind.outcome is not None} == set(OUTCOMES)


def test_every_kind_has_a_default_template_that_passes_its_own_check():
    assert set(DEFAULT_TEMPLATES) == {kind.id for kind in KINDS}
    for kind in KINDS:
        check_template(kind, default_template(kind.id))


def test_only_consultations_and_the_override_notice_go_to_someone_else_than_the_applicant():
    assert {kind.id for kind in KINDS if not kind.to_applicant} == {
        "consultation.third_party",
        "consultation.co_agency",
        "notice.third_party_override",
    }


def test_every_decision_letter_must_state_the_remedies_and_its_legal_basis():
    for kind in KINDS:
        if kind.outcome is not None:
            assert "救济途径" in kind.required_placeholders, kind.id
    for kind in KINDS:
        if kind.outcome is None or kind.outcome.articles:
            assert "法律依据" in kind.required_placeholders, kind.id


def test_replies_that_need_reasons_must_print_them():
    needing = {kind.id for kind in KINDS if "理由" in kind.required_placeholders}
    assert "reply.granted" not in needing
    assert {
        "reply.partially_granted",
        "reply.withheld.state_secret",
        "reply.not_processed.repeated",
    } <= needing


def test_lapse_letters_close_the_case_as_termination_letters():
    titles = {kind.id: kind.title for kind in KINDS if kind.id.startswith("reply.other.")}
    assert titles == dict.fromkeys(
        ("reply.other.no_correction", "reply.other.unpaid_fee", "reply.other.other"),
        "政府信息公开申请终止办理告知书",
    )


def test_an_unknown_kind_is_refused_with_the_known_ones_listed():
    with pytest.raises(LetterError, match=r"“reply\.maybe”不是告知书种类") as error:
        letter_kind("reply.maybe")
    assert error.value.code == "letter_kind_unknown"


# -- which letter an event calls for --------------------------------------------------------------


def test_steps_told_in_writing_have_their_letter():
    assert letter_kind_for(Action.REQUEST_CORRECTION).id == "correction"
    assert letter_kind_for(Action.EXTEND).id == "extension"
    assert letter_kind_for(Action.REQUEST_FEE).id == "fee"
    assert letter_kind_for(Action.CORRECTION_LAPSED).id == "reply.other.no_correction"
    assert letter_kind_for(Action.PAYMENT_LAPSED).id == "reply.other.unpaid_fee"
    assert letter_kind_for(Action.WITHDRAW).id == "reply.other.other"


def test_steps_told_to_no_one_have_no_letter():
    for action in (Action.ACCEPT, Action.RECEIVE_CORRECTION, Action.END_CONSULTATION, Action.RECEIVE_PAYMENT):
        assert letter_kinds_for(action) == ()


def test_a_consultation_letter_goes_to_the_party_consulted():
    assert letter_kind_for(Action.START_CONSULTATION, party=ConsultationParty.THIRD_PARTY).id == (
        "consultation.third_party"
    )
    assert letter_kind_for(Action.START_CONSULTATION, party=ConsultationParty.CO_AGENCY).id == (
        "consultation.co_agency"
    )
    with pytest.raises(LetterError, match="征求谁的意见"):
        letter_kinds_for(Action.START_CONSULTATION)


def test_a_decision_citing_only_article_36_1_is_told_as_already_published():
    cited = decided("granted", "", Article("第三十六条第（一）项"))
    assert [kind.id for kind in letter_kinds_for(Action.DECIDE, decision=cited)] == [
        "reply.already_published",
        "reply.granted",
    ]
    plain = decided("granted")
    assert [kind.id for kind in letter_kinds_for(Action.DECIDE, decision=plain)] == [
        "reply.granted",
        "reply.already_published",
    ]


def test_a_decision_citing_only_article_36_5_is_told_as_another_bodys_information():
    cited = decided("unavailable.not_held", "该信息由县教育局制作", Article("第三十六条第（五）项"))
    assert letter_kind_for(Action.DECIDE, decision=cited).id == "reply.not_this_body"  # type: ignore[union-attr]


def test_disclosure_after_consulting_a_third_party_offers_the_notice_to_it():
    kinds = letter_kinds_for(Action.DECIDE, decision=decided("granted"), consulted_third_party=True)
    assert [kind.id for kind in kinds][-1] == "notice.third_party_override"
    refused = decided("withheld.third_party_rights", "第三方不同意公开且理由合理")
    assert "notice.third_party_override" not in {
        kind.id for kind in letter_kinds_for(Action.DECIDE, decision=refused, consulted_third_party=True)
    }


def test_reply_kinds_of_an_outcome_include_its_sibling_wording():
    assert [kind.id for kind in reply_kinds(Outcome("unavailable.not_held"))] == [
        "reply.unavailable.not_held",
        "reply.not_this_body",
    ]


# -- letters filled from the case -----------------------------------------------------------------


def test_a_correction_letter_states_what_to_correct_the_period_and_article_30():
    made = letter(
        "correction",
        on=date(2025, 9, 30),
        correction=CorrectionFacts(
            date(2025, 9, 30), "1.请写明学校名单所属的学段；\n2.请写明所需信息的年份", date(2025, 10, 20)
        ),
    )
    assert made.title == "政府信息公开申请补正告知书"
    assert made.addressee == "张三："
    assert made.paragraphs == (
        OPENING + "经审查，您的申请内容不明确，本机关无法据此确定您所需要的政府信息。"
        "根据《中华人民共和国政府信息公开条例》第三十条的规定，请您对申请作出补正。需要补正的事项如下：",
        "1.请写明学校名单所属的学段；",
        "2.请写明所需信息的年份",
        "请您于2025年10月20日前向本机关提交补正后的申请。答复期限自本机关收到补正后的申请之日起计算。"
        "您无正当理由逾期不补正的，视为放弃申请，本机关不再处理您的该政府信息公开申请。",
    )


def test_a_correction_letter_without_a_period_cannot_be_made():
    with pytest.raises(
        LetterFactError, match=re.escape("无法填写“{补正期限}”：告知补正时没有记录补正期限")
    ) as error:
        letter("correction", correction=CorrectionFacts(date(2025, 9, 30), "请写明学段"))
    assert error.value.code == "letter_fact_missing"


def test_an_extension_letter_states_the_days_the_approval_and_both_deadlines():
    made = letter(
        "extension",
        extension=ExtensionFacts(date(2025, 10, 24), 20, date(2025, 11, 21), date(2025, 10, 27)),
    )
    assert made.title == "政府信息公开申请延期答复告知书"
    assert made.paragraphs == (
        OPENING + "本机关不能在规定期限内作出答复，经本机关政府信息公开工作机构负责人于2025年10月24日同意，"
        "根据《中华人民共和国政府信息公开条例》第三十三条第一款的规定，答复期限延长20个工作日。",
        "本机关原应于2025年10月27日前作出答复，延长后将于2025年11月21日前向您作出答复。",
    )


def test_a_third_party_is_consulted_without_being_told_who_applied():
    made = letter(
        "consultation.third_party",
        consultation=ConsultationFacts(ConsultationParty.THIRD_PARTY, date(2025, 10, 9)),
        inputs={"征求意见对象": "某县第一中学"},
    )
    assert made.addressee == "某县第一中学："
    assert made.paragraphs[1] == (
        "请您（单位）自收到本函之日起15个工作日内，以书面形式向本机关提出是否同意公开的意见；不同意公开的，请说明理由。"
    )
    assert "张三" not in made.text
    assert "第三十二条" in made.paragraphs[0]
    tries_the_name = Template(
        "征求意见函", "{征求意见对象}：", "申请人{申请人}要求公开{所需信息}，依据{法律依据}，{意见期限}"
    )
    with pytest.raises(TemplateError, match=re.escape("占位符“{申请人}”不能用于本文书")) as error:
        check_template(letter_kind("consultation.third_party"), tries_the_name)
    assert error.value.code == "template_placeholder_not_allowed"


def test_a_consultation_letter_needs_the_name_of_whom_it_is_sent_to():
    with pytest.raises(LetterFactError, match="须填写：收件人") as error:
        letter(
            "consultation.co_agency",
            consultation=ConsultationFacts(ConsultationParty.CO_AGENCY, date(2025, 10, 9)),
        )
    assert error.value.code == "letter_input_required"


def test_a_co_producing_body_is_told_that_silence_means_consent():
    made = letter(
        "consultation.co_agency",
        consultation=ConsultationFacts(ConsultationParty.CO_AGENCY, date(2025, 10, 9)),
        inputs={"征求意见对象": "某县财政局"},
    )
    assert made.paragraphs[-1] == (
        "请贵机关自收到本函之日起15个工作日内，以书面形式向本机关提出意见。逾期未提出意见的，视为同意公开。"
    )
    assert "第三十四条" in made.paragraphs[0]


def test_a_consultation_letter_of_the_wrong_party_is_refused():
    with pytest.raises(LetterError, match="征求其他机关意见") as error:
        letter(
            "consultation.co_agency",
            consultation=ConsultationFacts(ConsultationParty.THIRD_PARTY, date(2025, 10, 9)),
            inputs={"征求意见对象": "某县第一中学"},
        )
    assert error.value.code == "letter_consultation_mismatch"


def test_a_fee_notice_states_basis_standard_amount_calculation_payment_and_period():
    notice = FeeNotice.from_assessment(
        assess(FeeMethod.PER_VOLUME, pages=150), payment_method="银行转账至某县财政局非税收入账户"
    )
    made = letter("fee", fee=FeeFacts(notice, date(2025, 10, 9)))
    assert made.title == "信息处理费收费通知书"
    assert made.paragraphs == (
        OPENING + "您申请公开政府信息的数量、频次明显超过合理范围，根据《中华人民共和国政府信息公开条例》"
        "第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）第三条、第五条的规定，"
        "本机关决定收取信息处理费。现将有关事项通知如下：",
        "一、收费标准：第1–30页：不收费；第31–100页：每页10元；第101–200页：每页20元；第201页以上：每页40元。",
        "二、计算方式：本申请提供政府信息共150页；第1–30页：30页，不收费；第31–100页：70页×10元＝700元；"
        "第101–150页：50页×20元＝1000元；合计：1700元。",
        "三、收费金额：人民币1700元。",
        "四、缴纳方式：银行转账至某县财政局非税收入账户。",
        "五、缴纳期限：请您自收到本通知之日的次日起20个工作日内缴纳。逾期未缴纳的，视为放弃申请，"
        "本机关不再处理您的该政府信息公开申请。",
        "本机关收到您缴纳的费用后，将继续办理您的政府信息公开申请。",
    )
    assert notice.amount == Decimal(1700)


def test_a_granted_reply_provides_the_information_the_way_the_applicant_chose():
    made = letter("reply.granted", decision=decided("granted"))
    assert made.paragraphs == (
        OPENING + "经审查，现答复如下：",
        "您申请获取的政府信息属于可以公开的政府信息。根据《中华人民共和国政府信息公开条例》第三十六条第（二）项的规定，"
        "本机关决定予以公开。本机关按照您申请时选择的获取方式（电子邮件），以电子文件形式向您提供该政府信息，"
        "随本告知书一并送达。",
        ORDINARY_REMEDIES,
    )


def test_a_granted_reply_to_be_collected_must_say_where_and_when():
    collecting = replace(CASE, delivery="当面领取", medium="纸质文本", collect_in_person=True)
    with pytest.raises(LetterFactError, match="请填写领取的地点和时间"):
        letter("reply.granted", decision=decided("granted"), case=collecting)
    made = letter(
        "reply.granted",
        decision=decided("granted"),
        case=collecting,
        inputs={"获取方式": "请于2025年10月27日至31日工作时间到本机关政务服务中心3号窗口领取"},
    )
    assert made.paragraphs[1].endswith(
        "本机关决定予以公开。请于2025年10月27日至31日工作时间到本机关政务服务中心3号窗口领取。"
    )


def test_an_already_published_reply_tells_where_it_was_published():
    with pytest.raises(LetterFactError, match="获取政府信息的方式、途径和时间"):
        letter("reply.already_published", decision=decided("granted", "", Article("第三十六条第（一）项")))
    made = letter(
        "reply.already_published",
        decision=decided("granted", "", Article("第三十六条第（一）项")),
        inputs={"获取方式": "某县人民政府门户网站“政府信息公开”专栏“教育”栏目，2025年3月1日发布。"},
    )
    assert made.paragraphs[1] == (
        "您申请获取的政府信息已经主动公开。根据《中华人民共和国政府信息公开条例》第三十六条第（一）项的规定，"
        "现告知您获取该政府信息的方式和途径：某县人民政府门户网站“政府信息公开”专栏“教育”栏目，2025年3月1日发布。"
    )


def test_a_withheld_reply_states_the_decision_the_reasons_the_articles_and_review_first():
    made = letter(
        "reply.withheld.third_party_rights",
        decision=decided("withheld.third_party_rights", "该名单含有学生家长的姓名、住址和联系电话"),
    )
    assert made.paragraphs == (
        OPENING + "经审查，现答复如下：",
        "您申请获取的政府信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害。"
        "根据《中华人民共和国政府信息公开条例》第十五条、第三十二条的规定，本机关决定不予公开。",
        "理由：该名单含有学生家长的姓名、住址和联系电话。",
        REVIEW_FIRST_REMEDIES,
    )


def test_a_partial_reply_gives_reasons_for_the_withheld_part():
    made = letter(
        "reply.partially_granted",
        decision=decided(
            "partially_granted",
            "学生家长的联系电话属于个人隐私。",
            Article("第三十七条"),
            Article("第十五条"),
        ),
    )
    assert made.paragraphs[1].startswith(
        "您申请获取的政府信息中含有不应当公开的内容，但能够作区分处理。"
        "根据《中华人民共和国政府信息公开条例》第三十七条、第十五条的规定，本机关向您提供可以公开的部分。"
    )
    assert made.paragraphs[2] == "对不予公开的部分，理由如下：学生家长的联系电话属于个人隐私。"
    assert made.paragraphs[3] == REVIEW_FIRST_REMEDIES


def test_a_not_held_reply_cites_article_36_4_only():
    made = letter(
        "reply.unavailable.not_held",
        decision=decided("unavailable.not_held", "经检索本机关档案，未发现该信息"),
    )
    assert "第三十六条第（四）项的规定" in made.paragraphs[1]
    assert "第（五）项" not in made.text
    assert made.paragraphs[-1] == ORDINARY_REMEDIES


def test_another_bodys_information_names_that_body_when_it_is_known():
    decision = decided("unavailable.not_held", "该名单由县教育局制作并保存", Article("第三十六条第（五）项"))
    known = letter(
        "reply.not_this_body", decision=decision, inputs={"负责机关": "某县教育局（电话0000-1234567）"}
    )
    assert known.paragraphs[1] == (
        "您申请获取的政府信息不属于本机关负责公开。根据《中华人民共和国政府信息公开条例》"
        "第三十六条第（五）项的规定，特此告知。"
    )
    assert known.paragraphs[3] == "负责公开该政府信息的机关：某县教育局（电话0000-1234567）"
    unknown = letter("reply.not_this_body", decision=decision)
    assert unknown.paragraphs[3] == "负责公开该政府信息的机关：本机关无法确定"


def test_a_repeated_application_is_not_processed_again():
    made = letter(
        "reply.not_processed.repeated",
        decision=decided("not_processed.repeated", "本机关已于2025年8月5日答复"),
    )
    assert "本机关不予重复处理" in made.paragraphs[1]
    assert "第三十六条第（六）项" in made.paragraphs[1]


def test_a_lapse_for_no_correction_cites_article_30_and_the_request():
    made = letter(
        "reply.other.no_correction",
        decision=Decision(Outcome("other.no_correction"), date(2025, 10, 21)),
        correction=CorrectionFacts(date(2025, 9, 30), "请写明学段", date(2025, 10, 20)),
    )
    assert made.title == "政府信息公开申请终止办理告知书"
    assert made.paragraphs == (
        OPENING,
        "本机关已于2025年9月30日告知您对申请作出补正。您无正当理由逾期未补正，"
        "根据《中华人民共和国政府信息公开条例》第三十条的规定，视为放弃申请，本机关不再处理您的该政府信息公开申请。",
        ORDINARY_REMEDIES,
    )


def test_a_lapse_for_an_unpaid_fee_cites_the_fee_measures():
    notice = FeeNotice.from_assessment(
        assess(FeeMethod.PER_PIECE, ordinal_in_month=11), payment_method="现场缴纳"
    )
    made = letter(
        "reply.other.unpaid_fee",
        decision=Decision(Outcome("other.unpaid_fee"), date(2025, 11, 10)),
        fee=FeeFacts(notice, date(2025, 10, 9)),
    )
    assert made.paragraphs[1] == (
        "本机关已于2025年10月9日向您发出信息处理费收费通知，您未在规定的期限内缴纳费用。"
        "根据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，视为放弃申请，"
        "本机关不再处理您的该政府信息公开申请。"
    )


def test_a_termination_letter_says_why_the_case_closed_when_reasons_were_recorded():
    withdrawn = Decision(Outcome("other.other"), date(2025, 10, 8), WITHDRAWAL_REASONS)
    made = letter("reply.other.other", decision=withdrawn)
    assert made.paragraphs == (
        OPENING,
        "您已撤回该政府信息公开申请。本机关于2025年10月8日终止办理您的该政府信息公开申请。",
        ORDINARY_REMEDIES,
    )
    silent = letter("reply.other.other", decision=Decision(Outcome("other.other"), date(2025, 10, 8)))
    assert silent.paragraphs[1] == "本机关于2025年10月8日终止办理您的该政府信息公开申请。"


def test_a_paragraph_left_empty_by_its_placeholders_is_dropped():
    template = Template("终止办理告知书", "{申请人}：", "{理由}\n本机关终止办理。{救济途径}")
    made = letter(
        "reply.other.other", template=template, decision=Decision(Outcome("other.other"), date(2025, 10, 8))
    )
    assert made.paragraphs == ("本机关终止办理。" + ORDINARY_REMEDIES,)


def test_the_override_notice_goes_to_the_third_party_with_the_reasons():
    made = letter(
        "notice.third_party_override",
        decision=decided("granted", "该名单关系到全县适龄儿童入学，不公开会对公共利益造成重大影响"),
        consultation=ConsultationFacts(ConsultationParty.THIRD_PARTY, date(2025, 10, 9)),
        inputs={"征求意见对象": "某县第一中学"},
    )
    assert made.addressee == "某县第一中学："
    assert made.paragraphs[0].startswith(
        "本机关于2025年10月9日就“2025年本县义务教育阶段学校名单”的公开书面征求您（单位）的意见。"
    )
    assert "《中华人民共和国政府信息公开条例》第三十二条的规定，决定予以公开" in made.paragraphs[0]
    assert made.paragraphs[2] == "理由：该名单关系到全县适龄儿童入学，不公开会对公共利益造成重大影响。"
    assert made.paragraphs[3] == ORDINARY_REMEDIES
    assert "张三" not in made.text


def test_a_reply_letter_of_another_outcome_is_refused():
    with pytest.raises(LetterError, match="须与结果为“（一）予以公开”的答复对应") as error:
        letter("reply.granted", decision=decided("not_processed.repeated", "已答复"))
    assert error.value.code == "letter_outcome_mismatch"


def test_an_input_the_kind_does_not_take_is_refused():
    with pytest.raises(LetterError, match="不需要填写：负责机关") as error:
        letter("reply.granted", decision=decided("granted"), inputs={"负责机关": "某县教育局"})
    assert error.value.code == "letter_input_unknown"


def test_the_plain_text_record_reads_like_the_letter():
    made = letter(
        "reply.other.other",
        decision=Decision(Outcome("other.other"), date(2025, 10, 8)),
        on=date(2025, 10, 8),
    )
    assert made.text == (
        "政府信息公开申请终止办理告知书\n某县人民政府依申请公开〔2025〕3号\n\n张三：\n"
        f"\u3000\u3000{OPENING}\n\u3000\u3000本机关于2025年10月8日终止办理您的该政府信息公开申请。\n"
        f"\u3000\u3000{ORDINARY_REMEDIES}\n\n某县人民政府\n2025年10月8日\n"
    )


# -- templates ------------------------------------------------------------------------------------

CORRECTION = letter_kind("correction")
VALID = Template("补正告知书", "{申请人}：", "请补正：{补正事项}，于{补正期限}前提交。依据{法律依据}。")


def problems(template: Template, kind_id: str = "correction") -> list[tuple[str, str]]:
    with pytest.raises(TemplateError) as error:
        check_template(letter_kind(kind_id), template)
    return [(problem.code, problem.message) for problem in error.value.problems]


def test_a_valid_template_passes():
    check_template(CORRECTION, VALID)


def test_an_unknown_placeholder_is_named_with_its_place_and_the_kinds_vocabulary():
    found = problems(replace(VALID, text=VALID.text + "\n联系人：{经办人}"))
    assert found == [
        (
            "template_unknown_placeholder",
            "正文第2行第5字的占位符“{经办人}”不存在；本文书可用：{机关}、{申请人}、{收到申请日期}、{所需信息}、"
            "{法律依据}、{告知补正日期}、{补正事项}、{补正期限}",
        )
    ]


def test_a_template_cannot_reach_attributes_or_expressions():
    for text in ("{application.applicant_name}", "{申请人.__class__}", "{0}", "{申请人!r}"):
        codes = [code for code, _ in problems(replace(VALID, text=VALID.text + text))]
        assert codes == ["template_unknown_placeholder"], text


def test_malformed_braces_are_each_reported():
    found = problems(replace(VALID, text=VALID.text + "\n{补正事项\n多余}\n{}\n｛申请人｝"))
    assert [code for code, _ in found] == [
        "template_unclosed_placeholder",
        "template_unmatched_brace",
        "template_empty_placeholder",
        "template_fullwidth_brace",
        "template_fullwidth_brace",
    ]
    assert found[0][1].startswith("正文第2行第1字占位符缺少“}”")
    assert found[3][1] == "正文第5行第1字使用了全角花括号“｛”，占位符须用半角花括号，如 {申请人}"


def test_doubled_braces_print_as_braces():
    made = letter(
        "correction",
        template=replace(VALID, text=VALID.text + "（格式：{{学段}}）"),
        correction=CorrectionFacts(date(2025, 9, 30), "请写明学段", date(2025, 10, 20)),
    )
    assert made.paragraphs == (
        "请补正：请写明学段，于2025年10月20日前提交。依据《中华人民共和国政府信息公开条例》第三十条。（格式：{学段}）",
    )


def test_a_value_is_printed_as_text_and_never_read_as_a_placeholder():
    made = letter(
        "correction",
        template=VALID,
        correction=CorrectionFacts(date(2025, 9, 30), "请写明{申请人}的身份证明", date(2025, 10, 20)),
    )
    assert made.paragraphs[0].startswith("请补正：请写明{申请人}的身份证明，")


def test_a_template_must_state_what_the_kind_requires():
    found = problems(Template("补正告知书", "{申请人}：", "请补正。"))
    assert found == [
        ("template_placeholder_required", "本文书必须写明：{法律依据}、{补正事项}、{补正期限}"),
    ]
    reply = Template("答复", "{申请人}：", "根据{法律依据}不予公开。理由：{理由}")
    assert problems(reply, "reply.withheld.state_secret") == [
        ("template_placeholder_required", "本文书必须写明：{救济途径}")
    ]


def test_the_addressee_line_must_name_the_addressee():
    found = problems(replace(VALID, addressee="申请人："))
    assert found == [("template_addressee_missing", "主送须写明收件人：{申请人}")]


def test_empty_long_and_multi_line_fields_are_refused():
    found = problems(Template("", "{申请人}：\n先生", VALID.text + "很" * 10_000))
    assert [code for code, _ in found] == [
        "template_field_empty",
        "template_field_multiline",
        "template_field_too_long",
    ]


def test_every_placeholder_is_documented():
    assert all(PLACEHOLDERS.values())
    offered = set().union(*(kind.placeholders for kind in KINDS))
    assert offered == set(PLACEHOLDERS)


# -- wording --------------------------------------------------------------------------------------


def test_dates_are_written_without_leading_zeros():
    assert chinese_date(date(2025, 3, 1)) == "2025年3月1日"


def test_legal_basis_names_each_instrument_once():
    assert legal_basis([Article("第三十六条第（一）项"), Article("第三十六条第（二）项")]) == (
        "《中华人民共和国政府信息公开条例》第三十六条第（一）项、第（二）项"
    )
    assert legal_basis([Article("第十六条"), Article("第十六条第二款")]) == (
        "《中华人民共和国政府信息公开条例》第十六条、第十六条第二款"
    )
    assert legal_basis([Article("国办函〔2020〕109号", instrument="政府信息公开信息处理费管理办法")]) == (
        "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"
    )


def test_blank_remedy_settings_fall_back_to_wording_that_is_never_wrong():
    blank = Remedies(review_body=" ", court="")
    assert (blank.review_body, blank.court) == ("有管辖权的行政复议机关", "有管辖权的人民法院")


def test_the_date_starts_two_characters_right_of_the_signature():
    made = letter(
        "reply.other.other",
        decision=Decision(Outcome("other.other"), date(2025, 10, 8)),
        on=date(2025, 10, 8),
    )
    # 某县人民政府 is 6 characters wide, 2025年10月8日 3 + 7 × 0.56 = 6.92: with its two characters
    # of offset the date is the longer, so it keeps two characters and the signature moves left.
    assert closing(made).date_right == 2
    assert closing(made).signature_right == pytest.approx(2 + 6.92 + 2 - 6)
    long_signature = replace(made, signature="某县人民政府办公室政府信息公开科")  # 16 characters
    assert closing(long_signature).signature_right == 2
    assert closing(long_signature).date_right == pytest.approx(16 - 6.92)


def test_docs_list_every_kind_and_every_placeholder():
    docs = (Path(__file__).parents[1] / "docs" / "letters.md").read_text(encoding="utf-8")
    assert all(f"`{kind.id}`" in docs for kind in KINDS)
    assert all(f"`{{{name}}}`" in docs for name in PLACEHOLDERS)
