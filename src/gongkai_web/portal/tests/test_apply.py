"""/apply/<body>/: who applies, the application of 条例 第二十九条, and what is stored when it is sent."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.cases import ApplicantType, Status
from gongkai_web.applications.models import Application, CaseLogEntry, Channel, LogKind, ReceiptBasis
from gongkai_web.personas import Office

from .conftest import CREDIT_CODE, RESIDENT_ID, apply_url, valid_form


def errors_of(page: str) -> list[str]:
    """The messages of the error summary, in order."""
    summary = re.search(r'<div class="error-summary".*?</div>', page, re.S)
    assert summary is not None, "no error summary"
    return [
        re.sub(r"<[^>]+>", "", item).strip() for item in re.findall(r"<li>(.*?)</li>", summary.group(), re.S)
    ]


def test_the_first_step_offers_table_3s_applicant_columns_grouped(client: Client, office: Office) -> None:
    page = client.get(reverse("portal:apply", args=[office.county.pk])).content.decode()
    assert '<legend class="question">谁提出申请？</legend>' in page
    assert "自然人（个人）" in page
    group = page.split("<legend>法人或其他组织</legend>")[1].split("</fieldset>")[0]
    assert re.findall(r"</?input[^>]*> (\S+)</label>", group) == [
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
    ]


def test_an_unknown_applicant_type_asks_again_with_an_error(client: Client, office: Office) -> None:
    response = client.get(apply_url(office, "citizen"))
    assert response.status_code == 200
    assert errors_of(response.content.decode()) == ["请选择申请人类型"]


def test_a_body_that_does_not_exist_is_not_found(client: Client, office: Office) -> None:
    response = client.get(reverse("portal:apply", args=[office.county.pk + 100]))
    assert response.status_code == 404
    assert "没有找到这个机关" in response.content.decode()


def test_a_person_is_asked_for_a_name_and_an_organisation_for_its_name(
    client: Client, office: Office
) -> None:
    person = client.get(apply_url(office)).content.decode()
    assert '<label for="id_name">姓名</label>' in person
    assert 'autocomplete="name"' in person
    assert "居民身份证" in person and "统一社会信用代码" not in person
    company = client.get(apply_url(office, "commercial")).content.decode()
    assert '<label for="id_name">名称</label>' in company
    assert 'autocomplete="organization"' in company
    assert "统一社会信用代码" in company and 'value="resident_id"' not in company


def test_a_valid_application_is_stored_with_exactly_what_was_sent(
    client: Client, office: Office, beijing_monday: dt.date
) -> None:
    url = apply_url(office)
    data = valid_form(client, url, identity_number="11010519491231002x", phone="138 0000 1234")
    response = client.post(url, data)
    application = Application.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:received", args=[application.tracking_code])
    assert application.body == office.county
    assert application.applicant == ApplicantType("natural_person")
    assert application.applicant_name == "张三"
    assert application.identity_document == RESIDENT_ID
    assert application.contact == "电话 138 0000 1234；电子邮箱 zhangsan@example.cn"
    assert application.description == "2024年本县城区义务教育学校招生划片范围"
    assert (application.medium, application.delivery) == ("electronic", "email")
    assert application.channel == Channel.ONLINE
    assert application.receipt_basis == ReceiptBasis.CONFIRMED_BY_BOTH
    assert application.submitted_on == application.received_on == beijing_monday
    assert application.registered_by is None and application.department is None
    assert application.case_status is Status.REGISTERED
    assert application.reply_due_on == dt.date(2025, 11, 3)  # 20 working days over 国庆 2025
    assert application.submission_key is not None and application.submission_key.startswith(
        f"{office.county.pk}:"
    )
    assert CaseLogEntry.objects.get().kind == LogKind.REGISTERED


def test_an_organisation_applies_with_its_credit_code_and_a_postal_address(
    client: Client, office: Office, beijing_monday: dt.date
) -> None:
    url = apply_url(office, "legal_services")
    data = valid_form(
        client,
        url,
        name="某某律师事务所",
        identity_kind="credit_code",
        identity_number=CREDIT_CODE.lower(),
        email="",
        medium="paper",
        delivery="post",
        address="某县人民路 12 号 450000 王律师收",
    )
    assert client.post(url, data).status_code == 302
    application = Application.objects.get()
    assert application.applicant == ApplicantType("legal_services")
    assert application.identity_document == CREDIT_CODE
    assert application.contact == "电话 13800001234；邮寄地址 某县人民路 12 号 450000 王律师收"
    assert (application.medium, application.delivery) == ("paper", "post")


def test_a_passport_is_stored_with_its_kind(client: Client, office: Office) -> None:
    url = apply_url(office)
    client.post(url, valid_form(client, url, identity_kind="passport", identity_number="e 1234 5678"))
    assert Application.objects.get().identity_document == "护照 E12345678"


@pytest.mark.parametrize(
    ("overrides", "applicant_type", "error"),
    [
        ({"name": "  "}, "natural_person", "请填写姓名"),
        ({"name": ""}, "research", "请填写单位名称"),
        ({"identity_number": "11010519491231003X"}, "natural_person", "校验位不符"),
        ({"identity_number": "110105491231002"}, "natural_person", "应为 18 位，实际为 15 位"),
        ({"identity_number": "11010519490230002X"}, "natural_person", "不是有效日期"),
        (
            {"identity_kind": "credit_code", "identity_number": CREDIT_CODE},
            "natural_person",
            "请选择列出的证件类型",
        ),
        (
            {"identity_kind": "credit_code", "identity_number": "91350100M000100Y44"},
            "commercial",
            "统一社会信用代码的校验位不符",
        ),
        ({"identity_kind": "resident_id"}, "commercial", "请选择列出的证件类型"),
        ({"identity_kind": "passport", "identity_number": ""}, "natural_person", "请填写护照号码"),
        ({"identity_number": ""}, "natural_person", "请填写居民身份证号码"),
        ({"identity_kind": ""}, "natural_person", "请选择证件类型"),
        (
            {"phone": "", "email": "", "delivery": "collect"},
            "natural_person",
            "请至少填写联系电话或电子邮箱中的一项",
        ),
        ({"phone": "call me"}, "natural_person", "联系电话只能包含数字和“-”"),
        ({"phone": "12345"}, "natural_person", "联系电话只能包含数字和“-”"),
        ({"email": "zhangsan@"}, "natural_person", "电子邮箱的格式不对"),
        ({"email": "", "delivery": "email"}, "natural_person", "选择以电子邮件获取信息时，请填写电子邮箱"),
        ({"delivery": "post", "address": ""}, "natural_person", "选择邮寄时，请填写邮寄地址"),
        ({"medium": "paper", "delivery": "email"}, "natural_person", "纸质文本只能“邮寄”或“当面领取”"),
        ({"description": ""}, "natural_person", "请写明申请公开的政府信息的名称、文号或者特征性描述"),
        ({"description": "信" * 2001}, "natural_person", "2000"),
        ({"medium": ""}, "natural_person", "请选择希望获得纸质文本还是电子文件"),
        ({"delivery": "fax"}, "natural_person", "选择一个有效的选项"),
        ({"submission_key": "1:forged"}, "natural_person", "表单已失效，请重新打开申请页面填写"),
    ],
)
def test_each_invalid_field_is_named_in_chinese_and_nothing_is_stored(
    client: Client, office: Office, overrides: dict[str, str], applicant_type: str, error: str
) -> None:
    url = apply_url(office, applicant_type)
    data = valid_form(client, url, **overrides)
    if applicant_type != "natural_person" and "name" not in overrides:
        data["name"] = "某某研究所"
    if applicant_type != "natural_person" and "identity_kind" not in overrides:
        data.update(identity_kind="credit_code", identity_number=CREDIT_CODE)
    response = client.post(url, data)
    assert response.status_code == 400
    errors = errors_of(response.content.decode())
    assert len(errors) == 1, errors
    assert error in errors[0]
    assert not Application.objects.exists()
    assert not CaseLogEntry.objects.exists()


def test_an_address_too_long_for_the_contact_column_is_refused(client: Client, office: Office) -> None:
    url = apply_url(office)
    data = valid_form(client, url, email="a" * 80 + "@example.cn", delivery="post", address="人民路" * 33)
    response = client.post(url, data)
    assert errors_of(response.content.decode()) == ["联系方式合计不能超过 200 个字，请简写邮寄地址"]
    assert not Application.objects.exists()


def test_a_key_made_for_another_body_is_refused(client: Client, office: Office) -> None:
    other = reverse("portal:apply", args=[office.finance_bureau.pk]) + "?type=natural_person"
    url = apply_url(office)
    data = valid_form(client, url, submission_key=valid_form(client, other)["submission_key"])
    response = client.post(url, data)
    assert errors_of(response.content.decode()) == ["表单不属于这个机关，请重新打开申请页面填写"]
    assert not Application.objects.exists()


def test_the_error_summary_links_each_message_to_its_field(client: Client, office: Office) -> None:
    url = apply_url(office)
    page = client.post(
        url, valid_form(client, url, name="", medium="", phone="", email="", delivery="collect")
    ).content.decode()
    summary = re.search(r'<div class="error-summary".*?</div>', page, re.S)
    assert summary is not None
    assert re.findall(r'href="#([^"]+)"', summary.group()) == ["id_name", "id_phone", "id_medium_0"]
    assert "autofocus" in summary.group() and 'role="alert"' in summary.group()
    assert (
        '<input type="text" name="name" maxlength="200" autocomplete="name" aria-invalid="true" aria-describedby="id_name_error" id="id_name">'
        in page
    )


def test_a_form_sent_twice_makes_one_application(client: Client, office: Office) -> None:
    url = apply_url(office)
    data = valid_form(client, url)
    first = client.post(url, data)
    second = client.post(url, data)
    application = Application.objects.get()
    assert first["Location"] == reverse("portal:received", args=[application.tracking_code])
    assert second["Location"] == first["Location"] + "?again=1"
    assert "这份申请此前已经提交过" in client.get(second["Location"]).content.decode()


def test_two_renderings_of_the_form_make_two_applications(client: Client, office: Office) -> None:
    url = apply_url(office)
    client.post(url, valid_form(client, url))
    client.post(url, valid_form(client, url))
    assert Application.objects.count() == 2


def test_every_control_has_a_visible_label_or_legend(client: Client, office: Office) -> None:
    page = client.get(apply_url(office)).content.decode()
    ids = re.findall(r'<(?:input|textarea|select)(?![^>]*type="hidden")[^>]*\bid="([^"]+)"', page)
    labelled = set(re.findall(r'<label for="([^"]+)"', page))
    assert ids and set(ids) <= labelled
    assert page.count("<fieldset") == page.count("<legend") == 4
