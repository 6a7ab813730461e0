"""What the publication gate reports: each kind of hit with its stable code, explanation and severity.

A kind has exactly one severity, so the verdict of a text follows from the kinds found in it:

* ``BLOCK`` — the text must not be published as it is (条例 第十五条: 个人隐私 may be disclosed only
  with the person's consent or an overriding public interest, which a publication gate cannot
  decide; a term the body's own 政务公开负面清单 names is a matter it has decided not to publish).
* ``FLAG`` — a person must look before it is published: the hit is often legitimate (a landline
  usually belongs to an organisation) or the evidence is weaker (an identity number whose check
  character is wrong).

Every code is documented in ``docs/screening.md``; a test keeps the two in step.
"""

from __future__ import annotations

from enum import Enum, StrEnum


class Severity(StrEnum):
    BLOCK = "block"
    FLAG = "flag"

    @property
    def label(self) -> str:
        return {Severity.BLOCK: "不得公开", Severity.FLAG: "需人工复核"}[self]


class Kind(Enum):
    """A kind of hit: ``value`` is the stable English code."""

    RESIDENT_ID = "resident_id"
    RESIDENT_ID_SUSPECT = "resident_id_suspect"
    TRAVEL_DOCUMENT = "travel_document"
    BANK_CARD = "bank_card"
    MOBILE_PHONE = "mobile_phone"
    LANDLINE_PHONE = "landline_phone"
    EMAIL = "email"
    PERSONAL_ADDRESS = "personal_address"
    NEGATIVE_TERM = "negative_term"
    # Not found in a text: the gate's hit for an attachment whose words could not be read.
    UNREADABLE_ATTACHMENT = "unreadable_attachment"

    @property
    def code(self) -> str:
        return self.value

    @property
    def found_in_text(self) -> bool:
        """Whether the scanner finds this kind in a text (the others are the gate's own)."""
        return self is not Kind.UNREADABLE_ATTACHMENT

    @property
    def label(self) -> str:
        return _DESCRIPTIONS[self][0]

    @property
    def explanation(self) -> str:
        return _DESCRIPTIONS[self][1]

    @property
    def severity(self) -> Severity:
        return _DESCRIPTIONS[self][2]


_DESCRIPTIONS: dict[Kind, tuple[str, str, Severity]] = {
    Kind.RESIDENT_ID: (
        "居民身份证号码",
        "含有校验位、出生日期和地址码均有效的公民身份号码，属于个人信息，公开前应删除或作隐名处理",
        Severity.BLOCK,
    ),
    Kind.RESIDENT_ID_SUSPECT: (
        "疑似居民身份证号码",
        "“身份证”等字样后有一串出生日期和地址码有效但校验位不符的号码，可能是输错的身份证号，请人工核对",
        Severity.FLAG,
    ),
    Kind.TRAVEL_DOCUMENT: (
        "护照或通行证号码",
        "含有护照、港澳台通行证等证件号码，属于个人信息，公开前应删除或作隐名处理",
        Severity.BLOCK,
    ),
    Kind.BANK_CARD: (
        "银行卡号",
        "含有符合 Luhn 校验、发卡行标识有效的银行卡号，属于个人信息，公开前应删除",
        Severity.BLOCK,
    ),
    Kind.MOBILE_PHONE: (
        "手机号码",
        "含有不在本机关公开电话名单内的手机号码，通常属于个人信息，公开前应删除或作隐名处理",
        Severity.BLOCK,
    ),
    Kind.LANDLINE_PHONE: (
        "固定电话号码",
        "含有不在本机关公开电话名单内的固定电话号码，可能是个人住宅电话，请人工核对",
        Severity.FLAG,
    ),
    Kind.EMAIL: (
        "电子邮箱",
        "含有不在本机关公开名单内、也不属于政府域名的电子邮箱，可能是个人邮箱，请人工核对",
        Severity.FLAG,
    ),
    Kind.PERSONAL_ADDRESS: (
        "个人住址",
        "“住址”“家住”或申请人、投诉人等字样后有具体到门牌、单元或房间的地址，属于个人信息，公开前应删除",
        Severity.BLOCK,
    ),
    Kind.NEGATIVE_TERM: (
        "政务公开负面清单事项",
        "含有本机关政务公开负面清单所列的词语，按清单不予公开，确需公开的应经保密审查后调整清单",
        Severity.BLOCK,
    ),
    Kind.UNREADABLE_ATTACHMENT: (
        "无法自动检查的附件",
        "附件无法自动检查，请人工核对（图片、扫描件、加密或损坏的文件，或读取超出时间、大小限制）",
        Severity.FLAG,
    ),
}
