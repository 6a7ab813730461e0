from __future__ import annotations

import pytest

from seeddata import WEIHUI_2022


@pytest.fixture
def weihui_bytes() -> bytes:
    return WEIHUI_2022.read_bytes()
