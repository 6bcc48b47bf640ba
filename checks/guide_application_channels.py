"""公开指南申请方式不符合条例.

检查内容: 政府信息公开指南的依申请公开部分没有写明条例第二十九条规定的申请渠道：书面形式中的信件
（信函、邮寄）和数据电文（网上申请、电子邮件、传真），以及书面形式确有困难时可以口头提出、由工作机构
代为填写申请；或者要求申请人说明、注明所需信息的用途。“申请公开政府信息的数量、频次明显超过合理
范围的，可以要求申请人说明理由”（条例第三十五条）是合法表述，不在此列。正文过短（附件或图片指南）、
没有依申请公开内容的不判断。
为什么重要: 2019年修订的条例取消了“根据自身生产、生活、科研等特殊需要”的申请条件，不得要求申请人
说明用途；指南写错申请渠道和条件，会限制公众依法申请。
示例: 指南只写“可以通过当面提交、网上申请提出”，没有口头申请的途径，并要求“注明所需信息的用途”。
依据: 条例第二十九条、第三十五条（GUIDE-05）。
"""

from __future__ import annotations

import re

from .common import REGULATION, basis
from .rule import Context, Records, Rule
from .text import bodies_of_type, body, book, nospace

RULE = Rule(
    id="guide.application-channels",
    title="公开指南申请方式不符合条例",
    severity="advice",
    category="政府信息公开指南",
    basis=(
        basis(REGULATION, "第二十九条（信件、数据电文等书面形式；确有困难的可以口头提出，由工作机构代为填写）", "GUIDE-05"),
        basis(REGULATION, "第三十五条（数量、频次明显超过合理范围的，可以要求说明理由）", "GUIDE-05"),
    ),
    message="政府信息公开指南《{title}》{problems_text}。",
    advice="按照条例第二十九条修改指南的申请方式：写明可以通过信件、数据电文（网上申请、电子邮件等）提出申请，"
           "书面形式确有困难的可以口头提出、由工作机构代为填写；删除要求申请人说明用途的内容。",
    options=("min_chars",),
    description="指南未写明信件、数据电文和口头申请（代为填写）的渠道，或要求申请人说明用途。",
)

APPLY = re.compile(r"依申请|申请公开|申请获取|提出申请")
LETTER = re.compile(r"信件|信函|邮寄|邮政|寄送|来信")
ELECTRONIC = re.compile(r"数据电文|网上申请|在线申请|网络申请|互联网|电子邮件|电子邮箱|电子信箱|传真|网上提交|在线提交|平台提交")
ORAL = re.compile(r"口头")
PROXY = re.compile(r"代为填写|代填|代为记录|代其填写")
SENTENCE = re.compile(r"[^。；;！!？?\n]+")
PURPOSE = re.compile(r"用途")
LEGIT = re.compile(r"不得|无需|无须|不需|不必|不要求|不再|合理范围|频次|理由")


def purpose_required(text: str) -> str | None:
    """The sentence that asks the applicant for the intended use, if any (the 第三十五条 sentence and
    sentences that rule such a requirement out do not count)."""
    for m in SENTENCE.finditer(text):
        sentence = m.group(0)
        if PURPOSE.search(sentence) and not LEGIT.search(sentence):
            return sentence.strip()[:120]
    return None


def check(records: Records, ctx: Context):
    min_chars = int(ctx.option("min_chars"))
    for doc in bodies_of_type(records, "guide"):
        text = body(doc)
        flat = nospace(text)
        if len(flat) < min_chars or not APPLY.search(flat):
            continue
        problems, missing = [], []
        if not LETTER.search(flat):
            missing.append("信件")
        if not ELECTRONIC.search(flat):
            missing.append("数据电文（网上申请等）")
        if not (ORAL.search(flat) and PROXY.search(flat)):
            missing.append("口头提出、由工作机构代为填写")
        if missing:
            problems.append("未写明" + "、".join(missing) + "的申请方式")
        purpose = purpose_required(text)
        if purpose:
            problems.append("要求申请人说明所需信息的用途")
        if problems:
            yield RULE.finding(doc["unit"], doc["url"], None, title=book(doc.get("title") or ""),
                               problems=problems, problems_text="，并".join(problems), missing=missing,
                               purpose_sentence=purpose)
