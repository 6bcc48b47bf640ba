"""页面存在基本的无障碍问题（WCAG 近似检查）.

检查内容: 门户网站和单位网站首页、各单位信息公开专栏首页和栏目页面上可以自动判断的四项基本无障碍
要求：页面声明语言（``<html lang>``）；有非空的页面标题（``<title>``）；图片有替代文本（``alt``，
没有 alt 属性的图片占比超过 max_missing_alt_share 才报告，``alt=""`` 的装饰性图片不算）；表单输入框
有可读出的名称（``<label>``、aria-label、title 或 placeholder）。每个页面一条，问题个数写在证据中。
这是按 WCAG 2.x 可自动检查项对 GB/T 37668-2019 的近似（WCAG-proxy），不检查颜色对比度、标题层级、
键盘操作等需要浏览器渲染或人工判断的指标，不等于无障碍评测结论。
为什么重要: 视障用户依靠读屏软件浏览网页：没有替代文本的图片、没有标签的输入框读不出内容，没有
语言声明的页面读屏软件可能用错语音；这些也是 GB/T 37668 和无障碍评测的基本指标。
示例: 门户网站首页未声明页面语言，5张图片中有4张没有替代文本，“邮箱订阅”输入框没有标签。
依据: GB/T 37668-2019《信息技术 互联网内容无障碍可访问性技术要求与测试方法》（A11Y-04，按 WCAG 近似）。
"""

from __future__ import annotations

from .columns import column_pages
from .common import basis
from .rule import Context, Records, Rule
from .sites import home_pages
from .text import extras

RULE = Rule(
    id="accessibility.basic-failures",
    title="页面存在基本的无障碍问题",
    severity="advice",
    category="适老化与无障碍",
    basis=(
        basis("GB/T 37668-2019 信息技术 互联网内容无障碍可访问性技术要求与测试方法",
              "可感知、可操作、可理解、兼容性（按 WCAG 2.x 可自动检查项近似）", "A11Y-04"),
    ),
    message="{page_name}存在基本的无障碍问题：{problems}。",
    advice="在页面模板中声明页面语言（<html lang=\"zh-CN\">）并为每个页面设置标题，为有意义的图片填写替代文本"
           "（装饰性图片用 alt=\"\"），为每个表单输入框设置标签或 aria-label；按 GB/T 37668 开展无障碍评测。",
    options=("max_missing_alt_share",),
    description="首页、专栏首页和栏目页面未声明语言、没有标题、图片缺少替代文本或输入框没有标签（WCAG 近似）。",
)


def _pages(records: Records, ctx: Context) -> list[tuple[dict, str]]:
    """(document, unit) for the home pages, the unit column homes and the column pages, each once."""
    found: dict[str, tuple[dict, str]] = {}
    for doc, owner in home_pages(records):
        found.setdefault(doc["url"], (doc, owner or doc.get("unit") or ""))
    homes = [records.meta_by_url[u] for u in ctx.unit_homes.values() if u in records.meta_by_url]
    for doc in records.with_columns(homes, "extras"):
        found.setdefault(doc["url"], (doc, doc.get("unit") or ""))
    for url, (doc, _) in column_pages(records).items():
        found.setdefault(url, (doc, doc.get("unit") or ""))
    return list(found.values())


def check(records: Records, ctx: Context):
    limit = float(ctx.option("max_missing_alt_share"))
    for doc, unit in _pages(records, ctx):
        facts = extras(doc).get("a11y_basic") or {}
        problems = []
        if facts.get("lang_missing"):
            problems.append("未声明页面语言（html lang）")
        if facts.get("title_missing"):
            problems.append("没有页面标题（title）")
        images, bare = int(facts.get("images") or 0), int(facts.get("images_no_alt") or 0)
        alt_share = bare / images if images else 0.0
        if bare and alt_share > limit:
            problems.append(f"{images}张图片中有{bare}张没有替代文本（alt）")
        unnamed = int(facts.get("fields_unlabelled") or 0)
        if unnamed:
            problems.append(f"{unnamed}个表单输入框没有标签")
        if not problems:
            continue
        title = (doc.get("title") or "").strip()
        page_name = f"“{title}”页面" if title else "该页面"
        yield RULE.finding(unit, doc["url"], None, page_name=page_name, problems="，".join(problems),
                           lang_missing=bool(facts.get("lang_missing")), title_missing=bool(facts.get("title_missing")),
                           images=images, images_no_alt=bare, images_examples=facts.get("images_examples", []),
                           fields=int(facts.get("fields") or 0), fields_unlabelled=unnamed,
                           fields_examples=facts.get("fields_examples", []), max_missing_alt_share=limit,
                           note="WCAG-proxy：按 WCAG 2.x 可自动检查项近似 GB/T 37668，未检查对比度、标题层级和键盘操作")
