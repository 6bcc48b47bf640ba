"""意见征集结束后未公开采纳情况.

检查内容: 公开征求意见已结束超过配置的天数（grace_days，默认60日），但全站抓取到的页面中找不到对应的
意见采纳情况反馈：没有标题含该草案名称和“采纳情况/意见反馈/征求意见情况”的信息，征集页面没有
反馈链接或补充的采纳情况，正式印发的同名文件（或其起草说明）也没有说明意见采纳情况。
期间无法确定或找不到草案名称的不判断。
为什么重要: 行政机关应建立健全意见采纳情况反馈机制，说明公众意见的采纳情况，公众参与才有实效。
示例: 《青岚区养犬管理办法（征求意见稿）》征求意见已于半年前结束，至今未发布意见采纳情况。
依据: 优化营商环境条例第六十二条；重大行政决策程序暂行条例第三十二条（ZJ-02；重大行政决策公开的采纳情况 JC-02；规范性文件制定前征求意见 GFXWJ-07）。
"""

from __future__ import annotations

from datetime import timedelta

from .catalogue import GFXWJ_07, JC_02
from .common import basis
from .consultation import consultations, feedback_seen, period, subject
from .rule import Context, Records, Rule
from .text import book

RULE = Rule(
    id="consultation.no-feedback",
    title="意见征集未反馈采纳情况",
    severity="deduct",
    category="意见征集",
    basis=(
        basis("优化营商环境条例（国务院令第722号）", "第六十二条：建立健全意见采纳情况反馈机制", "ZJ-02"),
        basis("重大行政决策程序暂行条例（国务院令第713号）", "第三十二条：说明公众意见的采纳情况", "ZJ-02"),
        GFXWJ_07,
        JC_02,
    ),
    message="《{title}》的意见征集已于{end}结束，至今未公开意见采纳情况。",
    advice="汇总公众意见，公开意见采纳情况（收到意见数量、采纳情况及未采纳的理由），并与征集页面相互链接。",
    options=("grace_days",),
    description="意见征集结束超过规定天数，未找到意见采纳情况反馈。",
)


def check(records: Records, ctx: Context):
    grace = int(ctx.option("grace_days"))
    today = ctx.now.date()
    for doc in consultations(records):
        found, name = period(doc), subject(doc.get("title"))
        if not found or not name:
            continue
        end = found[1]
        if end + timedelta(days=grace) >= today:
            continue
        if feedback_seen(records, doc, name) is None:
            yield RULE.finding(doc["unit"], doc["url"], None, title=book(doc.get("title") or ""), end=end.isoformat(),
                               subject=name, days_since=(today - end).days, grace_days=grace)
