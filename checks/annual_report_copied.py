"""政府信息公开工作年度报告内容与上一年度雷同.

检查内容: 同一单位（同一标题主体）相邻两个年度的年报，分别取“一、总体情况”和“五、存在的主要问题及改进情况”
两部分的正文（从该部分标题到下一个同级标题），先删去套话句子（boilerplate_patterns：报告说明、统计期限、
联系方式、引用条例的句子等），再把数字统一替换（只改了数字的照抄也算雷同），按字符三元组计算相似度
（Dice 系数，0–1）。任一部分相似度达到 threshold（默认0.8）即报告，证据中给出各部分的相似度。
某部分去掉套话后不足 min_chars 字的（如“无”）不比较；去年年报未抓取到、或找不到该部分标题的不判断。
为什么重要: 年报格式要求对“内容雷同、敷衍塞责”的严肃追究；照抄上年说明工作总结和问题整改流于形式。
示例: 2024年度年报的“存在的主要问题及改进情况”与2023年度年报只差几个数字，相似度0.97。
依据: 国办公开办函〔2021〕30号 年报格式（四）内容雷同、敷衍塞责的严肃追究（NB-07）。
"""

from __future__ import annotations

import re

from .annual_tables import owner_of, report_pages
from .common import REGULATION, basis
from .rule import Context, Records, Rule
from .text import body, book, nospace

RULE = Rule(
    id="annual-report.copied",
    title="年报内容与上年雷同",
    severity="deduct",
    category="政府信息公开年报",
    basis=(
        basis("国办公开办函〔2021〕30号 政府信息公开工作年度报告格式", "（四）内容雷同、敷衍塞责的严肃追究", "NB-07"),
        basis(REGULATION, "第五十条（年度报告的内容）", "NB-07"),
    ),
    message="{year}年度政府信息公开工作年度报告《{title}》的{sections_text}与{prev_year}年度年报高度雷同（{figures_text}）。",
    advice="结合本年度实际工作重新撰写总体情况和存在的主要问题及改进情况，写明本年度的具体做法、"
           "查找出的新问题和上年问题的整改结果，不得照搬上年年报。",
    options=("threshold", "min_chars", "boilerplate_patterns"),
    description="年报的“总体情况”或“存在的主要问题及改进情况”与上一年度年报的相似度达到阈值。",
)

PARTS: list[tuple[str, re.Pattern]] = [
    ("总体情况", re.compile(r"总体情况|基本情况|总体概况")),
    ("存在的主要问题及改进情况", re.compile(r"存在的(主要)?问题|主要问题及|问题及改进|改进情况|整改措施")),
]
NUMERALS = "一二三四五六七八九十"
TOP = re.compile(r"^(?:第)?([一二三四五六七八九十]{1,2})(?:[、.．:：]|部分)")
_SENTENCE = re.compile(r"[^。；;！!？?\n]+[。；;！!？?]?")
_DIGITS = re.compile(r"[0-9〇○零一二三四五六七八九十百千万]*[0-9][0-9.,%％]*")
_KEEP = re.compile(r"[\u4e00-\u9fff#A-Za-z]")
MAX_PART = 4000


def _numeral(flat: str) -> int | None:
    m = TOP.match(flat)
    if not m:
        return None
    token = m.group(1)
    if len(token) == 1:
        return NUMERALS.index(token) + 1
    return 10 + (NUMERALS.index(token[1]) + 1 if token.startswith("十") else 0)


def part_text(text: str, pattern: re.Pattern) -> str | None:
    """The text under the heading that ``pattern`` names, up to the next heading of its level."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        flat = nospace(line)
        n = _numeral(flat)
        if not flat or not pattern.search(flat[:30]) or (n is None and len(flat) > 30):
            continue
        head = pattern.search(flat)
        out = [flat[head.end():].lstrip("：:。")] if len(flat) > 30 else []
        for nxt in lines[i + 1:]:
            f = nospace(nxt)
            m = _numeral(f)
            if m is not None and (n is None or m > n) and len(f) <= 40:
                break
            out.append(f)
        return "\n".join(x for x in out if x)[:MAX_PART]
    return None


def normalised(text: str, boilerplate: list[re.Pattern]) -> str:
    kept = [s for s in _SENTENCE.findall(text) if not any(p.search(s) for p in boilerplate)]
    flat = _DIGITS.sub("#", "".join(kept))
    return "".join(_KEEP.findall(flat))


def similarity(a: str, b: str) -> float:
    """Dice coefficient of the character trigrams of two normalised texts."""
    grams_a = {a[i:i + 3] for i in range(len(a) - 2)}
    grams_b = {b[i:i + 3] for i in range(len(b) - 2)}
    if not grams_a or not grams_b:
        return 0.0
    return 2 * len(grams_a & grams_b) / (len(grams_a) + len(grams_b))


def check(records: Records, ctx: Context):
    threshold = float(ctx.option("threshold"))
    min_chars = int(ctx.option("min_chars"))
    boilerplate = [re.compile(p) for p in ctx.option("boilerplate_patterns")]
    reports = report_pages(records)
    by_key: dict[tuple[str, str, int], list[dict]] = {}
    for doc, year in reports:
        by_key.setdefault((doc["unit"], owner_of(doc.get("title")), year), []).append(doc)
    for doc, year in reports:
        previous = by_key.get((doc["unit"], owner_of(doc.get("title")), year - 1))
        if not previous:
            continue
        prev = max(previous, key=lambda d: len(body(d)))
        figures: dict[str, float] = {}
        for name, pattern in PARTS:
            now, then = part_text(body(doc), pattern), part_text(body(prev), pattern)
            if now is None or then is None:
                continue
            a, b = normalised(now, boilerplate), normalised(then, boilerplate)
            if min(len(a), len(b)) < min_chars:
                continue
            figures[name] = round(similarity(a, b), 3)
        copied = [name for name, value in figures.items() if value >= threshold]
        if copied:
            yield RULE.finding(
                doc["unit"], doc["url"], None, year=year, title=book(doc.get("title") or ""), prev_year=year - 1,
                prev_url=prev["url"], prev_title=prev.get("title"), similarity=figures, threshold=threshold,
                sections=copied, sections_text="、".join(f"“{n}”" for n in copied),
                figures_text="，".join(f"{n}相似度{figures[n]:.2f}" for n in copied) + f"，阈值{threshold:g}")
