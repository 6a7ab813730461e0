"""The publication gate's scanner: precision and recall on the labelled set, false alarms on the
published reports, and speed.

    python benchmarks/screening.py [--megabytes 20] [--terms 500] [--repeat 3] [--rows 100000]

1. Precision and recall per kind on ``tests/data/screening/labelled.jsonl`` (a hit counts only
   with its exact kind, start and end).
2. False alarms on every report in ``../shared/corpus`` and ``../shared/seeds`` (text and
   markdown as they are; HTML and PDF through the report readers, table cells joined with nothing,
   as a crawler glues them, and with tabs), with no allow-list and with each body's published
   phone and mailbox; every hit is listed.
3. Glued tables: ``--rows`` synthetic section-三 rows (seven figures, half of them 0, the rest
   spread like a county's counts, 1 to 5,000) printed after their label with no separator, the
   worst a crawler does, and with single spaces; every hit there is a false alarm.
4. Speed: the corpus texts and the labelled texts concatenated to ``--megabytes`` of UTF-8 and
   scanned with a 负面清单 of ``--terms`` terms, best of ``--repeat``; the trie pattern of
   `gongkai.screening.terms` against a plain alternation of the same terms.

Not part of the test suite.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from gongkai.annual.parse import READERS, kind_of  # noqa: E402
from gongkai.annual.parse.limits import DEFAULT_LIMITS  # noqa: E402
from gongkai.screening import Kind, Screener, scan  # noqa: E402
from gongkai.screening.folding import fold_case  # noqa: E402
from gongkai.screening.terms import compile_terms  # noqa: E402
from screeningdata import labelled_set  # noqa: E402

SHARED = ROOT.parent / "shared"
PUBLISHED_CONTACTS = {
    "淮安市人民政府": ["0517-83605210", "hazwgkc@163.com"],
    "淮安市洪泽区人民政府": ["0517-87222589", "0517-87290606", "hzzwgk@126.com"],
}


def precision_recall() -> None:
    true_positive: Counter[str] = Counter()
    false_positive: Counter[str] = Counter()
    false_negative: Counter[str] = Counter()
    records = labelled_set()
    for record in records:
        hits = scan(record.text, allow=record.allow, negative_terms=record.negative_terms)
        got = {(hit.code, hit.start, hit.end) for hit in hits}
        expected = {(e.kind, e.start, e.end) for e in record.expected}
        for code, *_ in got & expected:
            true_positive[code] += 1
        for code, start, end in got - expected:
            false_positive[code] += 1
            print(f"  false positive {record.id}: {code} {record.text[start:end]!r}")
        for code, start, end in expected - got:
            false_negative[code] += 1
            print(f"  missed {record.id}: {code} {record.text[start:end]!r}")
    print(f"labelled set: {len(records)} texts, {sum(not r.expected for r in records)} without personal data")
    print("| kind | labelled | found | precision | recall |")
    print("|---|---|---|---|---|")
    for kind in (kind for kind in Kind if kind.found_in_text):
        tp, fp, fn = true_positive[kind.code], false_positive[kind.code], false_negative[kind.code]
        precision = f"{tp / (tp + fp):.3f}" if tp + fp else "–"
        recall = f"{tp / (tp + fn):.3f}" if tp + fn else "–"
        print(f"| `{kind.code}` | {tp + fn} | {tp + fp} | {precision} | {recall} |")


def report_texts() -> list[tuple[str, str]]:
    """(name, text) of every report in the shared corpus and seeds, readers' rows for HTML and PDF."""
    texts = []
    paths = sorted(SHARED.joinpath("corpus").iterdir()) + sorted(SHARED.joinpath("seeds").iterdir())
    for path in paths:
        if path.suffix == ".json" or path.name == "README.md":
            continue
        data = path.read_bytes()
        kind = kind_of(path.name, data)
        if kind in {"text", "markdown"}:
            texts.append((path.name, data.decode("utf-8")))
            continue
        document = READERS[kind](data, DEFAULT_LIMITS)
        for label, joiner in (("glued", ""), ("tabs", "\t")):
            rows = (joiner.join(cell.text for cell in row.cells) for row in document.rows)
            texts.append((f"{path.name} ({label})", "\n".join(rows)))
    return texts


def false_alarms(texts: list[tuple[str, str]]) -> None:
    characters = sum(len(text) for _, text in texts)
    print(f"\nreports: {len(texts)} texts, {characters:,} characters")
    allow = [entry for entries in PUBLISHED_CONTACTS.values() for entry in entries]
    for label, options in (("no allow-list", {}), ("published contacts allowed", {"allow": allow})):
        hits = [(name, text, hit) for name, text in texts for hit in scan(text, **options)]
        print(f"{label}: {len(hits)} hits {dict(Counter(hit.code for _, _, hit in hits))}")
        for name, text, hit in hits:
            print(f"  {name}: {hit.code} {text[hit.start : hit.end]!r}")


def glued_table_rows(rows: int) -> None:
    rng = random.Random(11)
    labels = [
        "一、本年新收政府信息公开申请数量",
        "（一）予以公开",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "1.本机关不掌握相关政府信息",
        "行政复议",
    ]

    def figure() -> str:
        return "0" if rng.random() < 0.5 else str(int(10 ** rng.uniform(0, 3.7)))

    rows_of_figures = [(rng.choice(labels), [figure() for _ in range(7)]) for _ in range(rows)]
    for name, joiner in (("glued", ""), ("spaced", " ")):
        text = "\n".join(label + joiner + joiner.join(figures) for label, figures in rows_of_figures)
        hits = scan(text)
        print(
            f"\n{name} table rows: {rows:,} rows, {len(hits)} hits {dict(Counter(hit.code for hit in hits))}"
        )
        for hit in hits[:20]:
            print(f"  {hit.code} {text[hit.start : hit.end]!r}")


def negative_list(count: int) -> list[str]:
    """``count`` plausible 负面清单 terms: matters a county keeps out of its publications."""
    rng = random.Random(7)
    subjects = ["招标", "征收", "信访", "案件", "会议", "人事", "审计", "规划", "应急", "财政"]
    matters = [
        "底价",
        "控制价",
        "讨论稿",
        "内部资料",
        "评审意见",
        "核查记录",
        "举报材料",
        "原始记录",
        "坐标数据",
        "草案",
    ]
    return [f"{rng.choice(subjects)}{n:03d}{rng.choice(matters)}" for n in range(count)] + ["内部讨论稿"]


def speed(texts: list[tuple[str, str]], megabytes: float, terms: list[str], repeat: int) -> None:
    pieces = [text for _, text in texts] + [record.text for record in labelled_set()]
    unit = "\n".join(pieces)
    copies = max(1, round(megabytes * 1e6 / len(unit.encode("utf-8"))))
    big = "\n".join([unit] * copies)
    size = len(big.encode("utf-8")) / 1e6
    screener = Screener(allow=["0517-83605210"], negative_terms=terms)
    best = min(_timed(lambda: screener.scan(big)) for _ in range(repeat))
    hits = len(screener.scan(big))
    print(f"\nspeed: {size:.1f} MB ({len(big):,} characters), {len(terms)} terms: best {best:.2f} s, ")
    print(f"  {size / best:.2f} MB/s, {hits:,} hits")
    folded = fold_case(big)
    trie = compile_terms(terms)
    assert trie is not None
    plain = re.compile("|".join(re.escape(fold_case(t)) for t in sorted(terms, key=len, reverse=True)))
    for name, pattern in (("trie pattern", trie), ("plain alternation", plain)):
        seconds = min(_timed(lambda pattern=pattern: pattern.findall(folded)) for _ in range(repeat))
        print(f"  negative list alone, {name}: {size / seconds:.1f} MB/s")


def _timed(work: object) -> float:
    started = time.perf_counter()
    work()  # type: ignore[operator]
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=20)
    parser.add_argument("--terms", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rows", type=int, default=100_000)
    arguments = parser.parse_args()
    precision_recall()
    texts = report_texts()
    false_alarms(texts)
    glued_table_rows(arguments.rows)
    speed(texts, arguments.megabytes, negative_list(arguments.terms), arguments.repeat)


if __name__ == "__main__":
    main()
