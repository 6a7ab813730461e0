"""The default template of every letter kind: what a letter says until an administrator edits it.

Each reply states what 条例 第三十六条、第三十七条 require of it (spec §4.6): where and how to
obtain information already published, how, where and when disclosed information is provided,
the decision and its reasons for a refusal, that information does not exist, whose it is when
it is another body's, that a repeat is not processed again, the reasons for the withheld part of
a severed reply; every decision closes with the remedies (`remedies.Remedies.paragraph`).
A line of ``text`` is a paragraph; a paragraph left empty by its placeholders is dropped.
"""

from __future__ import annotations

from collections.abc import Mapping

from gongkai.letters.kinds import REPLY_TITLE, TERMINATION_TITLE
from gongkai.letters.template import Template

TO_APPLICANT = "{申请人}："
TO_CONSULTED = "{征求意见对象}："
RECEIVED = "本机关于{收到申请日期}收到您提出的政府信息公开申请，您申请获取“{所需信息}”。"
OPENING = RECEIVED + "经审查，现答复如下："
REMEDIES = "{救济途径}"


def _reply(*paragraphs: str, title: str = REPLY_TITLE, opening: str = OPENING) -> Template:
    return Template(title, TO_APPLICANT, "\n".join((opening, *paragraphs, REMEDIES)))


def _withheld(finding: str) -> Template:
    """不予公开 under 第十四条、第十五条、第十六条: the finding, the basis, the decision, the reasons."""
    return _reply(
        f"您申请获取的政府信息{finding}。根据{{法律依据}}的规定，本机关决定不予公开。", "理由：{理由}"
    )


DEFAULT_TEMPLATES: Mapping[str, Template] = {
    "correction": Template(
        "政府信息公开申请补正告知书",
        TO_APPLICANT,
        "\n".join(
            (
                RECEIVED + "经审查，您的申请内容不明确，本机关无法据此确定您所需要的政府信息。"
                "根据{法律依据}的规定，请您对申请作出补正。需要补正的事项如下：",
                "{补正事项}",
                "请您于{补正期限}前向本机关提交补正后的申请。答复期限自本机关收到补正后的申请之日起计算。"
                "您无正当理由逾期不补正的，视为放弃申请，本机关不再处理您的该政府信息公开申请。",
            )
        ),
    ),
    "extension": Template(
        "政府信息公开申请延期答复告知书",
        TO_APPLICANT,
        "\n".join(
            (
                RECEIVED + "本机关不能在规定期限内作出答复，经本机关政府信息公开工作机构负责人于"
                "{批准延期日期}同意，根据{法律依据}的规定，答复期限延长{延长天数}个工作日。",
                "本机关原应于{原答复期限}前作出答复，延长后将于{答复期限}前向您作出答复。",
            )
        ),
    ),
    "consultation.third_party": Template(
        "政府信息公开征求第三方意见函",
        TO_CONSULTED,
        "\n".join(
            (
                "本机关于{收到申请日期}收到一份政府信息公开申请，申请公开“{所需信息}”。"
                "经审查，该政府信息的公开可能损害您（单位）的合法权益。根据{法律依据}的规定，"
                "现书面征求您（单位）的意见。",
                "请您（单位）自收到本函之日起{意见期限}个工作日内，以书面形式向本机关提出是否同意公开的意见；"
                "不同意公开的，请说明理由。",
                "逾期未提出意见的，由本机关依照《中华人民共和国政府信息公开条例》的规定决定是否公开。"
                "第三方不同意公开且有合理理由的，本机关不予公开；本机关认为不公开可能对公共利益造成重大影响的，"
                "可以决定予以公开，并将决定公开的政府信息内容和理由书面告知您（单位）。",
            )
        ),
    ),
    "consultation.co_agency": Template(
        "政府信息公开征求意见函",
        TO_CONSULTED,
        "\n".join(
            (
                "本机关于{收到申请日期}收到一份政府信息公开申请，申请公开“{所需信息}”。"
                "该政府信息由本机关与贵机关共同制作。根据{法律依据}的规定，现征求贵机关的意见。",
                "请贵机关自收到本函之日起{意见期限}个工作日内，以书面形式向本机关提出意见。"
                "逾期未提出意见的，视为同意公开。",
            )
        ),
    ),
    "fee": Template(
        "信息处理费收费通知书",
        TO_APPLICANT,
        "\n".join(
            (
                RECEIVED + "您申请公开政府信息的数量、频次明显超过合理范围，根据{法律依据}的规定，"
                "本机关决定收取信息处理费。现将有关事项通知如下：",
                "一、收费标准：{收费标准}",
                "二、计算方式：{计算过程}",
                "三、收费金额：人民币{收费金额}。",
                "四、缴纳方式：{缴费方式}",
                "五、缴纳期限：请您自收到本通知之日的次日起{缴费期限}个工作日内缴纳。逾期未缴纳的，视为放弃申请，"
                "本机关不再处理您的该政府信息公开申请。",
                "本机关收到您缴纳的费用后，将继续办理您的政府信息公开申请。",
            )
        ),
    ),
    "reply.granted": _reply(
        "您申请获取的政府信息属于可以公开的政府信息。根据{法律依据}的规定，本机关决定予以公开。{获取方式}"
    ),
    "reply.already_published": _reply(
        "您申请获取的政府信息已经主动公开。根据{法律依据}的规定，现告知您获取该政府信息的方式和途径：{获取方式}"
    ),
    "reply.partially_granted": _reply(
        "您申请获取的政府信息中含有不应当公开的内容，但能够作区分处理。根据{法律依据}的规定，"
        "本机关向您提供可以公开的部分。{获取方式}",
        "对不予公开的部分，理由如下：{理由}",
    ),
    "reply.withheld.state_secret": _withheld("属于依法确定为国家秘密的政府信息"),
    "reply.withheld.prohibited_by_law": _withheld("属于法律、行政法规禁止公开的政府信息"),
    "reply.withheld.security_stability": _withheld("公开后可能危及国家安全、公共安全、经济安全、社会稳定"),
    "reply.withheld.third_party_rights": _withheld(
        "涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害"
    ),
    "reply.withheld.internal_affairs": _withheld("属于人事管理、后勤管理、内部工作流程等方面的内部事务信息"),
    "reply.withheld.process_information": _withheld(
        "属于本机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息"
    ),
    "reply.withheld.enforcement_files": _withheld("属于行政执法案卷信息"),
    "reply.withheld.inquiry_matters": _reply(
        "您申请获取的信息属于工商、不动产登记资料等信息，有关法律、行政法规对信息的获取有特别规定。"
        "根据{法律依据}的规定，请您依照有关法律、行政法规的规定办理。",
        "理由：{理由}",
    ),
    "reply.unavailable.not_held": _reply(
        "经检索查找，本机关没有制作或者获取您申请获取的政府信息，该政府信息不存在。根据{法律依据}的规定，特此告知。",
        "本机关的检索情况：{理由}",
    ),
    "reply.not_this_body": _reply(
        "您申请获取的政府信息不属于本机关负责公开。根据{法律依据}的规定，特此告知。",
        "理由：{理由}",
        "负责公开该政府信息的机关：{负责机关}",
    ),
    "reply.unavailable.needs_creation": _reply(
        "您申请获取的信息需要本机关对现有政府信息进行加工、分析。根据{法律依据}的规定，本机关不予提供。",
        "理由：{理由}",
    ),
    "reply.unavailable.still_unclear": _reply(
        "本机关已于{告知补正日期}告知您对申请作出补正，您补正后的申请内容仍不明确，本机关无法确定您所需要的"
        "政府信息。根据{法律依据}的规定，本机关无法向您提供。",
        "理由：{理由}",
    ),
    "reply.not_processed.complaint": _reply(
        "您提出的申请是以政府信息公开申请的形式进行信访、投诉、举报等活动。根据{法律依据}的规定，"
        "本机关不作为政府信息公开申请处理，您可以通过相应的渠道提出。",
        "理由：{理由}",
    ),
    "reply.not_processed.repeated": _reply(
        "本机关已就您此前提出的相同政府信息公开申请作出答复，您重复申请公开相同的政府信息。"
        "根据{法律依据}的规定，本机关不予重复处理。",
        "理由：{理由}",
    ),
    "reply.not_processed.publication": _reply(
        "您要求提供的是政府公报、报刊、书籍等公开出版物。根据{法律依据}的规定，现告知您获取的途径：{获取方式}",
        "理由：{理由}",
    ),
    "reply.not_processed.excessive": _reply(
        "您申请公开政府信息的数量、频次明显超过合理范围，本机关要求您说明理由，您说明的理由不合理。"
        "根据{法律依据}的规定，本机关不予处理。",
        "理由：{理由}",
    ),
    "reply.not_processed.confirmation": _reply(
        "您要求本机关确认或者重新出具您已获取的信息，不属于政府信息公开申请的办理范围，本机关不予处理。",
        "理由：{理由}",
    ),
    "reply.other.no_correction": _reply(
        "本机关已于{告知补正日期}告知您对申请作出补正。您无正当理由逾期未补正，根据{法律依据}的规定，"
        "视为放弃申请，本机关不再处理您的该政府信息公开申请。",
        title=TERMINATION_TITLE,
        opening=RECEIVED,
    ),
    "reply.other.unpaid_fee": _reply(
        "本机关已于{收费通知日期}向您发出信息处理费收费通知，您未在规定的期限内缴纳费用。根据{法律依据}的规定，"
        "视为放弃申请，本机关不再处理您的该政府信息公开申请。",
        title=TERMINATION_TITLE,
        opening=RECEIVED,
    ),
    "reply.other.other": _reply(
        "{理由}本机关于{决定日期}终止办理您的该政府信息公开申请。",
        title=TERMINATION_TITLE,
        opening=RECEIVED,
    ),
    "notice.third_party_override": Template(
        "政府信息公开决定告知书",
        TO_CONSULTED,
        "\n".join(
            (
                "本机关于{征求意见日期}就“{所需信息}”的公开书面征求您（单位）的意见。经审查，本机关认为"
                "不公开该政府信息可能对公共利益造成重大影响，根据{法律依据}的规定，决定予以公开。",
                "决定公开的政府信息：{所需信息}",
                "理由：{理由}",
                REMEDIES,
            )
        ),
    ),
}


def default_template(kind_id: str) -> Template:
    """The default template of a kind (every kind in `kinds.KINDS` has one; a test keeps it so)."""
    return DEFAULT_TEMPLATES[kind_id]
