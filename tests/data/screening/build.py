"""Writes ``labelled.jsonl``: the labelled set of the publication gate's scanner.

Run ``python tests/data/screening/build.py`` from the repository root to regenerate it; the
output is fixed (one seeded random generator), so a diff shows exactly what a change did.

Every identity number, bank card and mobile number here is generated: the check digits are
computed, the rest is random, none is a real person's. The labels come from construction, not
from the scanner: a text is written with its personal data marked ``⟦kind|value⟧``, the marks
are removed and their offsets recorded; ``⟦kind!|value⟧`` marks what the scanner is known to miss.

Records without personal data come in two kinds: texts written here with what government texts
are full of (文号, 索引号, 统一社会信用代码, dates, amounts, 邮政编码, the office's own phones, masked
lists, table rows glued together as a crawler leaves them), and, by reference, the real reports
copied under ``tests/data/corpus`` and ``tests/data/seeds`` with their bodies' published contacts.
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parents[2] / "src"))

from gongkai.formats import FORMAT_2019, FORMAT_2021  # noqa: E402
from gongkai.formats.spec import TableId  # noqa: E402
from gongkai.identity import credit_code_check_character, resident_id_check_character  # noqa: E402
from gongkai.screening.numbers import luhn_is_valid  # noqa: E402

rng = random.Random(20261207)

REGIONS = ["410781", "410702", "320803", "320813", "110105", "440304", "510107", "620102", "330106", "371302"]
CARD_PREFIXES = ["622202", "621700", "622848", "621226", "622588", "623058"]
FULL_WIDTH = {ord(c): ord(c) + 0xFEE0 for c in "0123456789Xx-"}


def resident_id(*, region: str | None = None, year: int | None = None) -> str:
    first_17 = (
        (region or rng.choice(REGIONS))
        + f"{year or rng.randint(1950, 2005):04d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
        + f"{rng.randint(0, 999):03d}"
    )
    return first_17 + resident_id_check_character(first_17)


def broken_resident_id() -> str:
    number = resident_id()
    wrong = rng.choice([c for c in "0123456789X" if c != number[17]])
    return number[:17] + wrong


def first_generation_id() -> str:
    return (
        rng.choice(REGIONS)
        + f"{rng.randint(40, 89):02d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
        + (f"{rng.randint(0, 999):03d}")
    )


def bank_card(length: int = 19) -> str:
    body = rng.choice(CARD_PREFIXES) + "".join(str(rng.randint(0, 9)) for _ in range(length - 7))
    check = next(d for d in "0123456789" if luhn_is_valid(body + d))
    return body + check


def mobile() -> str:
    segment = rng.choice(["130", "135", "139", "147", "150", "158", "166", "173", "180", "186", "191", "199"])
    return f"{segment}{rng.randint(0, 99999999):08d}"


def grouped(number: str, sizes: tuple[int, ...], sep: str = " ") -> str:
    parts, position = [], 0
    for size in sizes:
        parts.append(number[position : position + size])
        position += size
    return sep.join(parts)


def credit_code(prefix: str) -> str:
    body = prefix + "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(17 - len(prefix)))
    return body + credit_code_check_character(body)


def digit_credit_code_that_passes_the_identity_check() -> str:
    """An all-digit 统一社会信用代码 of a 机关 (11) in 延庆区 (110119) that also passes every identity
    check: read as an identity number its digits 7–14 are 19 and the first six of the 组织机构代码."""
    while True:
        body = "11" + "110119" + f"{rng.randint(50, 99):02d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
        body += f"{rng.randint(0, 999):03d}"
        number = body + credit_code_check_character(body)
        if number.isdigit() and number[17] == resident_id_check_character(number[:17]):
            return number


MARK = re.compile(r"⟦([a-z_]+)(!?)\|(.*?)⟧", re.S)


def m(kind: str, value: str) -> str:
    return f"⟦{kind}|{value}⟧"


def missed(kind: str, value: str) -> str:
    """Personal data the scanner is known to miss (docs/screening.md, 已知局限): labelled, so that
    recall counts it, and marked, so that the tests say exactly what is missed."""
    return f"⟦{kind}!|{value}⟧"


def record(identifier: str, note: str, marked: str, **options: list[str]) -> dict[str, object]:
    expected, pieces, position, length = [], [], 0, 0
    for match in MARK.finditer(marked):
        pieces.append(marked[position : match.start()])
        length += match.start() - position
        value = match.group(3)
        label = {"kind": match.group(1), "start": length, "end": length + len(value), "text": value}
        expected.append({**label, "known_miss": True} if match.group(2) else label)
        pieces.append(value)
        length += len(value)
        position = match.end()
    pieces.append(marked[position:])
    return {"id": identifier, "note": note, "text": "".join(pieces), **options, "expected": expected}


def with_personal_data() -> list[dict[str, object]]:
    office = ["0373-4412345", "xxgk@weihui.gov.cn"]
    a, b, c = resident_id(), resident_id(), resident_id(region="620102")
    card_a, card_b = bank_card(19), bank_card(16)
    phone_a, phone_b, phone_c = mobile(), mobile(), mobile()
    x_id = next(number for number in iter(resident_id, None) if number.endswith("X"))
    return [
        record(
            "reply-letter-applicant-details",
            "a 答复书 that repeats the applicant's identity number, mobile and home address",
            f"张某某：\n本机关于2024年3月5日收到您（身份证号：{m('resident_id', a)}，联系电话：{m('mobile_phone', phone_a)}，"
            f"住址：{m('personal_address', '卫辉市比干大道东段幸福小区3号楼2单元501室')}）提出的政府信息公开申请，"
            "申请获取“2023年度城区老旧小区改造项目资金拨付文件”。经审查，现答复如下：该信息属于主动公开范围，"
            "已于2023年11月20日在本机关门户网站公开（索引号：000014349/2023-00215）。如对本答复不服，可以在收到本答复之日起"
            "60日内向卫辉市人民政府申请行政复议，或者在6个月内向卫辉市人民法院提起行政诉讼。\n"
            "卫辉市民政局\n2024年3月20日\n（联系电话：0373-4412345）",
            allow=office,
        ),
        record(
            "complaint-message-villager",
            "a 留言 on the message board: village group and house number, spaced identity number, mobile with +86",
            f"我是唐庄镇八里营村村民李某某，家住{m('personal_address', '唐庄镇八里营村三组15号')}，"
            f"身份证 {m('resident_id', grouped(b, (6, 8, 4)))}。2023年村里发放的耕地地力保护补贴我家没有领到，"
            f"请有关部门核实，联系电话 {m('mobile_phone', '+86 ' + grouped(phone_b, (3, 4, 4)))}。",
        ),
        record(
            "subsidy-list-attachment",
            "a catalogue notice whose attachment lists people with identity numbers and bank cards",
            "关于2024年第一批困难群众临时救助资金发放情况的公示\n附件：救助对象名单\n"
            "序号\t姓名\t身份证号码\t银行卡号\t救助金额（元）\n"
            f"1\t王某\t{m('resident_id', c)}\t{m('bank_card', card_a)}\t1200.00\n"
            f"2\t赵某某\t{m('resident_id', a)}\t{m('bank_card', grouped(card_b, (4, 4, 4, 4)))}\t800.00\n"
            "合计\t\t\t\t2000.00\n公示期：2024年4月1日至2024年4月7日。监督电话：0373-4412345。",
            allow=office,
        ),
        record(
            "full-width-identity-number",
            "an identity number typed in full-width digits with a lower-case check character",
            f"经核实，申请人刘某（公民身份号码 {m('resident_id', x_id[:17].translate(FULL_WIDTH) + 'ｘ')}）"
            "系本辖区居民。",
        ),
        record(
            "hyphenated-numbers",
            "an identity number in 6-4-4-4 with hyphens, a mobile in 3-4-4 with hyphens, 0086",
            f"当事人孙某，身份证号{m('resident_id', grouped(a, (6, 4, 4, 4), '-'))}，"
            f"手机{m('mobile_phone', grouped(phone_c, (3, 4, 4), '-'))}，"
            f"境外联系方式{m('mobile_phone', '0086 ' + phone_a)}。",
        ),
        record(
            "first-generation-identity-number",
            "a 15-digit first-generation number after 身份证号 in an old file",
            f"1998年建房审批表记载：户主陈某某，身份证号{m('resident_id', first_generation_id())}，"
            f"家庭住址：{m('personal_address', '城关镇南街村二组')}。",
        ),
        record(
            "mistyped-identity-number",
            "an identity number with a wrong check character after 身份证号 is a suspect; without the word it is nothing",
            f"经办人登记的身份证号为{m('resident_id_suspect', broken_resident_id())}，与户籍系统不一致。"
            f"另查编号{broken_resident_id()}的档案已归档。",
        ),
        record(
            "passport-and-permit",
            "a passport and a 港澳居民来往内地通行证 number after their names",
            f"申请人为外籍人士，护照号码：{m('travel_document', 'E' + str(rng.randint(10**7, 10**8 - 1)))}；"
            f"其代理人持港澳居民来往内地通行证，证件号码{m('travel_document', 'H' + str(rng.randint(10**7, 10**8 - 1)))}。",
        ),
        record(
            "personal-email-and-landline",
            "a complainant's private mailbox and home landline with an extension; the office's own are allowed",
            f"投诉人提供的电子邮箱为{m('email', 'wangxiaoming1985@qq.com')}，住宅电话"
            f"{m('landline_phone', '(0373)5012345转8012')}。本机关受理电话0373-4412345，"
            "邮箱xxgk@weihui.gov.cn。",
            allow=office,
        ),
        record(
            "proposal-reply-with-contact",
            "a reply to a 人大代表建议 naming the representative's mobile; the office's mobile is published",
            f"尊敬的王某某代表：您提出的《关于加强农村饮水安全保障的建议》收悉。……联系人：刘某，"
            f"联系电话：13903731234。代表本人手机{m('mobile_phone', phone_b)}已转承办科室。",
            allow=[*office, "139-0373-1234"],
        ),
        record(
            "negative-list-terms",
            "terms from the body's 政务公开负面清单, in full-width and another case",
            f"本项目{m('negative_term', '招标控制价')}明细及{m('negative_term', '内部讨论稿')}不予公开；"
            f"附件为{m('negative_term', 'ＧＩＳ坐标数据')}。",
            negative_terms=["招标控制价", "内部讨论稿", "内部资料", "gis坐标数据"],
        ),
        record(
            "known-limits",
            "personal data the scanner misses by design: glued to a name and a line end, glued to a row number, "
            "a road without a dwelling, a landline without area code",
            f"信访人张某{missed('mobile_phone', phone_c)}\n"
            f"序号1{missed('resident_id', b)}\n"
            f"家住{missed('personal_address', '人民路12号')}，座机{missed('landline_phone', '5012345')}。",
        ),
        record(
            "address-after-person",
            "an address in brackets after an applicant's name, with a building-unit-room shorthand",
            f"申请人周某某（{m('personal_address', '新乡市红旗区金穗小区5-2-302')}）要求公开征收补偿方案。",
        ),
    ]


def without_personal_data() -> list[dict[str, object]]:
    code_a, code_b = credit_code("12410781"), credit_code("91410781")
    digit_code = digit_credit_code_that_passes_the_identity_check()
    notices = [
        record(
            "document-numbers-and-index-numbers",
            "文号, 索引号 and 统一社会信用代码 in a catalogue entry",
            "索引号：11410781MB1234567X/2024-00015\n发布机构：卫辉市人民政府办公室\n"
            "文号：卫政办〔2022〕15号\n成文日期：2022年05月16日\n"
            f"主办单位统一社会信用代码：{code_a}\n"
            "依据《国务院办公厅关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》"
            "（国办公开办函〔2021〕30号），现将有关事项通知如下。索引号000014349/2022-00123。",
        ),
        record(
            "credit-code-that-passes-identity-checks",
            "an all-digit 统一社会信用代码 that also passes the identity checks, named as a credit code",
            f"统一社会信用代码：{digit_code}（卫辉市机关事务服务中心）",
        ),
        record(
            "company-credit-code-in-procurement-notice",
            "a procurement result naming the winning company by its credit code",
            f"中标供应商：河南某某建设工程有限公司（统一社会信用代码{code_b}），中标金额：3,865,420.00元，"
            "工期180日历天。",
        ),
        record(
            "dates-amounts-statistics-postcodes",
            "dates, amounts, statistics, a postcode and the office's published phone and address",
            "2024年1月1日至2024年12月31日，全市共受理政府信息公开申请3119件，办结3085件，"
            "结转下年度34件；收取信息处理费0元。全年财政拨款13800138000.50元中，民生支出占78.6%。"
            "本机关地址：卫辉市比干大道88号政务服务中心3楼301室，邮编：453100，电话：0373-4412345，"
            "电子邮箱：xxgk@weihui.gov.cn。统计编号20240101120000。",
            allow=["0373-4412345"],
        ),
        record(
            "masked-list",
            "a 公示 list whose identity numbers and phones are already masked",
            "序号\t姓名\t身份证号\t联系电话\n1\t张*\t410781********1234\t138****5678\n"
            "2\t李*\t4107811985****002X\t139****0000\n",
        ),
        record(
            "road-and-village-names",
            "roads, house numbers and villages in project news are not personal addresses",
            "人民路12号至健康路段改造工程已完工，八里营村、张庄村3组的道路硬化同步推进；"
            "项目部设在建设路66号3号楼，受理窗口位于政务服务中心2楼201室。",
        ),
        record(
            "hotlines-and-service-numbers",
            "hotlines, short numbers and a landline without area code are not reported",
            "如有疑问请拨打12345政务服务便民热线或400-810-8100，也可拨打83605210咨询。",
        ),
    ]
    return notices + glued_tables()


_SECTION_4_LABELS = {
    "review": "行政复议",
    "litigation_direct": "未经复议直接起诉",
    "litigation_after_review": "复议后起诉",
}


def _row_title(row_id: str) -> str:
    for report_format in (FORMAT_2021, FORMAT_2019):
        table = report_format.table(TableId.APPLICATIONS)
        if table.has_row(row_id):
            return table.row(row_id).title
    return _SECTION_4_LABELS[row_id]


def glued_tables() -> list[dict[str, object]]:
    """Sections 三 and 四 of every labelled corpus report printed as a crawler leaves them: each
    row's label, then its figures with no separator; and again with single spaces."""
    records = []
    for path in sorted((HERE.parent / "corpus").glob("*.expected.json")):
        report = json.loads(path.read_text(encoding="utf-8"))
        rows = [*report["applications"].items(), *report["review_litigation"].items()]
        for name, separator in (("glued", ""), ("spaced", " ")):
            lines = [
                _row_title(row)
                + separator
                + separator.join("" if v is None else str(v) for v in cells.values())
                for row, cells in rows
            ]
            stem = path.name.split(".")[0]
            note = f"sections 三 and 四 of corpus {stem}, figures joined by {separator!r}"
            records.append(record(f"{name}-table-{stem}", note, "\n".join(lines)))
    return records


PUBLISHED_CONTACTS = {
    "005.txt": ["0517-83605210", "hazwgkc@163.com"],
    "016.md": ["0517-83605210", "hazwgkc@163.com"],
    "006.txt": ["0517-87222589", "hzzwgk@126.com"],
    "015.md": ["0517-87222589", "hzzwgk@126.com"],
    "007.txt": ["0517-87290606"],
    "017.txt": ["0517-87290606"],
}


def real_reports() -> list[dict[str, object]]:
    """The published reports copied into tests/data, each with its body's published contacts."""
    records = []
    for folder in ("corpus", "seeds"):
        for path in sorted((HERE.parent / folder).iterdir()):
            if path.suffix in {".txt", ".md"}:
                records.append(
                    {
                        "id": f"{folder}-{path.name}",
                        "note": "a published annual report",
                        "file": f"{folder}/{path.name}",
                        "allow": PUBLISHED_CONTACTS.get(path.name, []),
                        "expected": [],
                    }
                )
    return records


def main() -> None:
    records = with_personal_data() + without_personal_data() + real_reports()
    with (HERE / "labelled.jsonl").open("w", encoding="utf-8") as out:
        for item in records:
            out.write(json.dumps(item, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
