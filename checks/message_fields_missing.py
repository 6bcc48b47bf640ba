"""留言公开要素不全.

检查内容: 已答复并公开的网民留言页面，缺少留言时间（来信/受理日期）、答复时间、答复单位（承办部门）、
答复内容中的一项或几项（标签不存在或为空）。尚未答复的留言由 message.late-reply 处理。
为什么重要: 留言办理情况应列清受理日期、答复日期、答复部门和答复内容，公众才能监督办理是否及时、由谁负责。
示例: 留言页面只有留言内容和答复内容，没有答复时间和答复单位。
依据: 政府网站发展指引（湖北等省实施办法）“列清受理日期、答复日期、答复部门、答复内容”（HD-03）。
"""

from __future__ import annotations

from .common import GUIDELINE_2017, basis
from .messages import MAIN, answered, message_fields, message_pages
from .rule import Context, Records, Rule
from .text import book

RULE = Rule(
    id="message.fields-missing",
    title="留言公开要素不全",
    severity="deduct",
    category="互动回应",
    basis=(basis(GUIDELINE_2017, "互动交流：做好受理反馈情况公开，列清受理日期、答复日期、答复部门、答复内容", "HD-03"),),
    message="网民留言《{title}》未公开{missing_text}。",
    advice="在留言答复页面完整公开留言时间、答复时间、答复单位和答复内容。",
    description="已答复留言的页面缺少留言时间、答复时间、答复单位或答复内容。",
)

NAMES = {"message_date": "留言时间", "reply_date": "答复时间", "reply_unit": "答复单位", "reply_content": "答复内容"}


def check(records: Records, ctx: Context):
    for doc in message_pages(records):
        fields = message_fields(doc)
        if fields is None or not answered(fields):
            continue
        missing = [NAMES[k] for k in MAIN if not (fields.get(k) or "").strip()]
        if missing:
            yield RULE.finding(doc["unit"], doc["url"], None, title=book(doc.get("title") or ""),
                               missing=missing, missing_text="、".join(missing))
