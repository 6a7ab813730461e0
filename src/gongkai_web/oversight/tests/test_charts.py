"""/office/oversight/<year>/charts/: the scope's reports summed into charts the app draws itself (SVG),
every number also in a table; and the SVG writer on its own."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from gongkai_web.accounts.models import User
from gongkai_web.oversight.services import receive_batch
from gongkai_web.oversight.svg import Bar, Chart, columns, horizontal
from gongkai_web.oversight.tests.conftest import HONGZE_2023, HONGZE_2024, HUAIAN_2024, Commit, upload, zipped
from gongkai_web.personas import logged_in

pytestmark = pytest.mark.usefixtures("immediate_tasks")
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def received(sam: User, django_capture_on_commit_callbacks: Commit) -> None:
    """淮安市 2024 (005.txt), 洪泽区 2023 (006.txt) and 2024 (017.txt), as read from the corpus."""
    with django_capture_on_commit_callbacks(execute=True):
        receive_batch(
            actor=sam, uploads=[upload("一月.zip", zipped(HUAIAN_2024, HONGZE_2023, HONGZE_2024))], year=2024
        )


def chart(page: str, slug: str) -> ET.Element:
    figure = page.split(f'id="figure-{slug}"', 1)[1]
    return ET.fromstring(figure[figure.index("<svg") : figure.index("</svg>") + len("</svg>")])


def bar_values(svg: ET.Element) -> list[int]:
    return [int(rect.attrib["data-value"]) for rect in svg.iter(f"{SVG}rect") if "data-value" in rect.attrib]


def texts(svg: ET.Element, kind: str) -> list[str]:
    return [text.text or "" for text in svg.iter(f"{SVG}text") if text.attrib.get("class") == kind]


def table(page: str, slug: str) -> list[list[str]]:
    body = page.split(f'data-chart="{slug}"', 1)[1].split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def test_outcomes_and_applicants_are_summed_over_the_scopes_reports(
    client: Client, sam: User, received: None
) -> None:
    page = logged_in(client, sam).get("/office/oversight/2024/charts/").content.decode()
    # 005.txt + 017.txt, section 三 总计 column: 予以公开 1362 + 50, 部分公开 454 + 9 …
    outcomes = chart(page, "outcomes")
    assert bar_values(outcomes) == [1412, 463, 181, 813, 89, 187]
    assert texts(outcomes, "label") == [
        "（一）予以公开",
        "（二）部分公开",
        "（三）不予公开",
        "（四）无法提供",
        "（五）不予处理",
        "（六）其他处理",
    ]
    assert texts(outcomes, "value") == ["1412", "463", "181", "813", "89", "187"]
    assert outcomes.find(f"{SVG}title").text == "2024年度申请办理结果"  # type: ignore[union-attr]
    assert table(page, "outcomes")[1] == ["（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "463"]
    assert bar_values(chart(page, "applicants")) == [3096, 53, 0, 0, 61, 4]
    assert table(page, "applicants") == [
        ["自然人", "3096"],
        ["商业企业", "53"],
        ["科研机构", "0"],
        ["社会公益组织", "0"],
        ["法律服务机构", "61"],
        ["其他", "4"],
    ]


def test_the_trend_counts_each_year_and_the_ranking_puts_the_most_errors_first(
    client: Client, sam: User, received: None
) -> None:
    page = logged_in(client, sam).get("/office/oversight/2024/charts/").content.decode()
    assert table(page, "trend") == [["2023年度", "1", "21"], ["2024年度", "2", "3214"]]
    trend = chart(page, "trend")
    assert bar_values(trend) == [21, 3214]
    assert texts(trend, "label") == ["2023年", "2024年"]
    # 淮安市's report has no finding, so only 洪泽区 is ranked: 1 error (第四项), 2 warnings.
    assert table(page, "defects") == [["淮安市洪泽区人民政府", "1", "2"]]
    assert bar_values(chart(page, "defects")) == [1, 2]


def test_another_supervisors_charts_count_none_of_these_reports(
    client: Client, sue: User, received: None
) -> None:
    page = logged_in(client, sue).get("/office/oversight/2024/charts/").content.decode()
    assert "已读出的 0 份2024年度报告" in page
    assert table(page, "trend") == [["尚未读出任何报告。"]]


def test_bars_are_scaled_to_the_largest_and_stacked_in_series_order() -> None:
    drawn = ET.fromstring(
        horizontal(Chart("d", "问题", "说明 <多>", ("错误", "警告"), (Bar("甲", (3, 1)), Bar("乙", (0, 2)))))
    )
    rects = [r for r in drawn.iter(f"{SVG}rect") if "data-value" in r.attrib]
    widths = [float(r.attrib["width"]) for r in rects]
    assert widths[0] / widths[1] == pytest.approx(3.0, rel=1e-2)  # 甲 errors against 甲 warnings
    assert widths[0] + widths[1] == pytest.approx(2 * (widths[2] + widths[3]), rel=1e-2)  # 4 against 2
    assert float(rects[1].attrib["x"]) == pytest.approx(float(rects[0].attrib["x"]) + widths[0])
    assert drawn.find(f"{SVG}desc").text == "说明 <多>"  # type: ignore[union-attr]
    assert drawn.attrib["aria-labelledby"] == "d-title d-desc"
    upright = ET.fromstring(
        columns(Chart("t", "历年", "", ("件数",), (Bar("2023年", (0,)), Bar("2024年", (5,)))))
    )
    heights = [float(r.attrib["height"]) for r in upright.iter(f"{SVG}rect")]
    assert heights == [0.0, 200.0]
