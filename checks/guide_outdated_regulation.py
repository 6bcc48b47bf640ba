"""政府信息公开指南仍按2007年旧条例编写.

检查内容: 指南内容仍反映2007年施行的旧条例，按信号加权计分，达到阈值（min_score，默认3）才报告：
引用“国务院令第492号”或“2007年4月5日公布”而未提2019年修订（711号）（3分）；
“根据自身生产、生活、科研等特殊需要”（旧条例第十三条“三需要”，3分）；
“检索、复制、邮寄等成本费用”（旧条例第二十七条收费，2分）；
“15个工作日内予以答复”（旧答复期限，2分）；引用旧条例第九条至第十二条作为主动公开范围（1分）；
指南标注的日期早于新条例施行日2019年5月15日（2分）。单个历史性语句不足以触发。
为什么重要: 新条例取消了“三需要”限制和检索复制等收费，答复期限改为20个工作日，
按旧条例编写的指南会误导申请人。
示例: 指南写有“依据《中华人民共和国政府信息公开条例》（国务院令第492号）……申请人根据自身生产、生活、科研等特殊需要”。
依据: 条例第十二条、第三十三条、第四十二条、第五十三条（GUIDE-03）。
"""

from __future__ import annotations

import re
from datetime import date

from .common import REGULATION, basis
from .rule import Context, Records, Rule
from .text import bodies_of_type, body, book, iso, nospace

RULE = Rule(
    id="guide.outdated-regulation",
    title="公开指南仍按旧条例编写",
    severity="deduct",
    category="政府信息公开指南",
    basis=(
        basis(REGULATION, "第十二条、第三十三条、第四十二条（2019年修订，国务院令第711号）", "GUIDE-03"),
        basis(REGULATION, "第五十三条（不及时更新政府信息公开指南的，由上级责令改正）", "GUIDE-03"),
    ),
    message="政府信息公开指南《{title}》仍按2007年旧条例编写：{signals_text}。",
    advice="按照2019年修订的《中华人民共和国政府信息公开条例》（国务院令第711号）重新编写指南，"
           "删除“三需要”限制和检索复制等收费表述，答复期限改为20个工作日，并标注修订日期。",
    options=("min_score",),
    description="指南中旧条例信号（492号令、三需要、成本费用、15个工作日等）的加权分达到阈值。",
)

NEW_REGULATION = date(2019, 5, 15)
SIGNALS: list[tuple[str, int, re.Pattern]] = [
    ("引用2007年条例（国务院令第492号）而未提2019年修订", 3,
     re.compile(r"国务院令第?492号|2007年4月5日(?:公布|发布|颁布)")),
    ("保留“根据自身生产、生活、科研等特殊需要”的申请条件", 3,
     re.compile(r"自身(?:的)?生产、?生活、?科研等特殊需要|生产、生活、科研等特殊需要")),
    ("保留“检索、复制、邮寄等成本费用”的收费规定", 2, re.compile(r"检索、?复制、?邮寄(?:等)?(?:成本)?费用")),
    ("答复期限仍为15个工作日", 2, re.compile(r"15个工作日内(?:予以|作出|给予)?答复|十五个工作日内(?:予以|作出|给予)?答复")),
    ("以旧条例第九条至第十二条界定主动公开范围", 1, re.compile(r"第九条、第十条、第十一条(?:、|和)第十二条")),
]
REVISED = re.compile(r"国务院令第?711号|2019年4月3日|2019年修订|修订后的《?中华人民共和国政府信息公开条例")


def signals(text: str, dated: date | None) -> list[tuple[str, int]]:
    flat = nospace(text)
    found = []
    for name, weight, pattern in SIGNALS:
        if pattern.search(flat):
            if weight == 3 and name.startswith("引用2007") and REVISED.search(flat):
                continue
            found.append((name, weight))
    if dated and dated < NEW_REGULATION:
        found.append((f"指南日期（{dated}）早于新条例施行日（{NEW_REGULATION}）", 2))
    return found


def check(records: Records, ctx: Context):
    threshold = int(ctx.option("min_score"))
    for doc in bodies_of_type(records, "guide"):
        dated = iso(doc.get("revised_date")) or iso(doc.get("published_date"))
        found = signals(body(doc), dated)
        score = sum(w for _, w in found)
        if found and score >= threshold:
            yield RULE.finding(doc["unit"], doc["url"], None, title=book(doc.get("title") or ""),
                               signals=[n for n, _ in found], score=score, min_score=threshold,
                               signals_text="；".join(n for n, _ in found))
