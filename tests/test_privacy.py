from gongkai.privacy import mask_identity_document, mask_number, mask_text


def test_an_identity_number_keeps_its_region_and_last_four() -> None:
    assert mask_identity_document("110101199001011234") == "110***********1234"
    assert mask_identity_document("11010119900101123X") == "110***********123X"


def test_a_short_document_number_keeps_only_its_last_four() -> None:
    assert mask_identity_document("E1234567") == "E***4567"
    assert mask_identity_document("123") == "***"


def test_a_mobile_number_keeps_its_first_three_and_last_four_digits() -> None:
    assert mask_number("13800001234") == "138****1234"


def test_a_landline_keeps_its_separators() -> None:
    assert mask_number("0371-65551234") == "037*-****1234"


def test_free_text_masks_numbers_and_mail_but_not_short_numbers() -> None:
    text = "电话 13800001234，邮箱 zhangsan@example.cn，地址 人民路 12 号"
    assert mask_text(text) == "电话 138****1234，邮箱 z*******@example.cn，地址 人民路 12 号"


def test_masking_text_without_personal_data_changes_nothing() -> None:
    assert mask_text("请邮寄至单位收发室") == "请邮寄至单位收发室"


def test_a_full_width_check_character_counts_as_one_of_the_last_four() -> None:
    assert mask_number("１１０１０５１９４９１２３１００２Ｘ") == "１１０***********００２Ｘ"
