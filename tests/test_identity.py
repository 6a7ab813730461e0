"""身份证明: the GB 11643 and GB 32100 check characters, and the text stored for each kind of document."""

import pytest

from gongkai.errors import GongkaiError
from gongkai.identity import (
    IdentityError,
    IdentityKind,
    check_credit_code,
    check_resident_id,
    credit_code_check_character,
    identity_document,
    normalise,
    resident_id_check_character,
)

# The worked example printed in GB 11643-1999 (北京市朝阳区, born 1949-12-31, check character X).
STANDARD_EXAMPLE_ID = "11010519491231002X"
# Published 统一社会信用代码 of registered companies (the GB 32100 example and two large enterprises).
PUBLISHED_CREDIT_CODES = ["91350100M000100Y43", "914403001922038216", "91110000100017643K"]


def test_the_standard_example_of_gb_11643_has_check_character_x() -> None:
    assert resident_id_check_character(STANDARD_EXAMPLE_ID[:17]) == "X"
    assert check_resident_id(STANDARD_EXAMPLE_ID) == STANDARD_EXAMPLE_ID


def test_a_resident_id_with_a_digit_check_character_is_accepted() -> None:
    assert check_resident_id("440524188001010014") == "440524188001010014"


def test_a_lower_case_x_and_full_width_digits_are_normalised() -> None:
    assert check_resident_id("１１０１０５１９４９１２３１００２x") == STANDARD_EXAMPLE_ID
    assert check_resident_id(" 110105 19491231 002x ") == STANDARD_EXAMPLE_ID


def test_one_mistyped_digit_is_caught_by_the_check_character() -> None:
    with pytest.raises(IdentityError, match="校验位不符") as caught:
        check_resident_id("11010519491231003X")
    assert caught.value.code == "resident_id_check"


def test_two_swapped_digits_are_caught_by_the_check_character() -> None:
    with pytest.raises(IdentityError, match="校验位不符"):
        check_resident_id("11010519491213002X")  # day 31 typed as 13
    with pytest.raises(IdentityError, match="校验位不符"):
        check_resident_id("11010519491231020X")


def test_a_fifteen_digit_first_generation_number_is_refused_with_its_length() -> None:
    with pytest.raises(IdentityError, match="应为 18 位，实际为 15 位") as caught:
        check_resident_id("110105491231002")
    assert caught.value.code == "resident_id_length"


def test_letters_inside_a_resident_id_are_refused() -> None:
    with pytest.raises(IdentityError, match="前 17 位应为数字") as caught:
        check_resident_id("1101051949123100AX")
    assert caught.value.code == "resident_id_characters"


def test_a_resident_id_whose_birth_date_does_not_exist_is_refused() -> None:
    # 1949-02-30: the check character is right for these digits, the date is not a date.
    first_17 = "11010519490230002"
    number = first_17 + resident_id_check_character(first_17)
    with pytest.raises(IdentityError, match="“19490230”不是有效日期") as caught:
        check_resident_id(number)
    assert caught.value.code == "resident_id_birth_date"


@pytest.mark.parametrize("code", PUBLISHED_CREDIT_CODES)
def test_published_credit_codes_pass_the_gb_32100_check(code: str) -> None:
    assert credit_code_check_character(code[:17]) == code[17]
    assert check_credit_code(code.lower()) == code


def test_a_credit_code_with_a_mistyped_character_is_refused() -> None:
    with pytest.raises(IdentityError, match="校验位不符") as caught:
        check_credit_code("91350100M000100Y44")
    assert caught.value.code == "credit_code_check"


def test_a_credit_code_with_letters_the_standard_excludes_is_refused_naming_them() -> None:
    with pytest.raises(IdentityError, match="不应有：I、O") as caught:
        check_credit_code("9135010OM00010IY43")
    assert caught.value.code == "credit_code_characters"


def test_a_credit_code_of_the_wrong_length_is_refused() -> None:
    with pytest.raises(IdentityError, match="应为 18 位，实际为 9 位"):
        check_credit_code("M0001003X")


def test_check_characters_need_exactly_seventeen_characters() -> None:
    with pytest.raises(ValueError, match="17 digits"):
        resident_id_check_character("1101051949123100")
    with pytest.raises(ValueError, match="17 characters"):
        credit_code_check_character("91350100M000100YI")


def test_identity_errors_are_gongkai_errors_with_a_code() -> None:
    assert issubclass(IdentityError, GongkaiError)
    assert IdentityError("x").code == "identity_invalid"


def test_a_resident_id_and_a_credit_code_are_stored_as_the_bare_number() -> None:
    assert identity_document(IdentityKind.RESIDENT_ID, "11010519491231002x") == STANDARD_EXAMPLE_ID
    assert identity_document(IdentityKind.CREDIT_CODE, "91350100m000100y43") == "91350100M000100Y43"


def test_a_passport_number_is_stored_after_the_word_passport() -> None:
    assert identity_document(IdentityKind.PASSPORT, " e1234 5678 ") == "护照 E12345678"


def test_another_document_is_stored_as_written_with_single_spaces() -> None:
    text = "港澳居民来往内地通行证   H12345678"
    assert identity_document(IdentityKind.OTHER, text) == "港澳居民来往内地通行证 H12345678"


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        (IdentityKind.RESIDENT_ID, "请填写居民身份证号码"),
        (IdentityKind.CREDIT_CODE, "请填写统一社会信用代码"),
        (IdentityKind.PASSPORT, "请填写护照号码"),
        (IdentityKind.OTHER, "请填写证件名称和号码"),
    ],
)
def test_an_empty_number_is_asked_for_by_the_name_of_its_document(kind: IdentityKind, message: str) -> None:
    with pytest.raises(IdentityError, match=message) as caught:
        identity_document(kind, " \u3000 ")
    assert caught.value.code == "identity_missing"


def test_the_kinds_are_labelled_as_the_documents_are_called() -> None:
    assert [kind.label for kind in IdentityKind] == ["居民身份证", "统一社会信用代码", "护照", "其他证件"]


def test_normalising_makes_full_width_text_half_width_and_upper_case() -> None:
    assert normalise("ｅ１２３ ４") == "E1234"
