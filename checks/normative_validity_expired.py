"""规范性文件有效期已届满仍标注有效.

检查内容: 行政规范性文件的有效性标注为“有效/现行有效”，但正文写明的有效期已经届满：
“有效期至2024年12月31日”“有效期自…至…”，或“自2021年3月1日起施行，有效期3年”（未写施行日期的，
自印发/发布/公布之日起算，取发布日期）；“有效期延至…”以延长后的日期为准。只认写明本文件
（本办法、本规定…）或施行日期的句子，“认定结果有效期为三年”一类不算。
正文未写有效期的，可按省级规定的默认有效期推算（default_years，暂行/试行文件 provisional_years；
默认 0 即不推算），推算结果在证据中标明 ⚠️ 需人工确认。
为什么重要: 有效期届满的文件自动失效，仍标“有效”会误导公众继续适用已失效的规定。
示例: 标注“有效性：有效”，正文“本办法自2021年3月1日起施行，有效期3年”，检查时已过 2024-02-29。
依据: 政府网站发展指引三（一）4；山东省行政程序规定第五十三条（有效期届满自动失效）（GFXWJ-03）。
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from .common import GUIDELINE_2017, basis
from .rule import Context, Records, Rule
from .text import body, book, cn_int, first_date, iso, nospace

RULE = Rule(
    id="normative.validity-expired",
    title="有效期届满仍标注有效",
    severity="deduct",
    category="规范性文件",
    basis=(
        basis(GUIDELINE_2017, "三（一）4 文件资料发生失效等情况应在原文件上明确标注", "GFXWJ-03"),
        basis("山东省行政程序规定", "第五十三条：有效期届满的，规范性文件自动失效（各省规定不同，可配置）", "GFXWJ-03"),
    ),
    message="行政规范性文件《{title}》标注为“{validity}”，但{how}，有效期已于{expired_on}届满。",
    advice="核实文件是否已延期或重新公布；已届满的应将有效性改为“失效”，仍需执行的应依程序重新公布。",
    options=("default_years", "provisional_years"),
    description="标注有效的规范性文件，按正文（或配置的省级默认）有效期计算已届满。",
)

VALID = re.compile(r"^(现行)?有效$")
DATE = r"((?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2})"
EXTENDED = re.compile(r"有效期(?:延长至|延至|延续至|顺延至|延长到)" + DATE)
RANGE = re.compile(r"有效期(?:为|是)?自?" + DATE + r"起?(?:至|到|—|-|~)" + DATE)
UNTIL = re.compile(r"有效期(?:为|是)?(?:至|截至|截止至?|到)" + DATE)
YEARS = re.compile(r"有效期(?:为|是)?([0-9一二三四五六七八九十两]{1,3})年")
START = re.compile(r"自" + DATE + r"起(?:施行|实施|执行|生效)")
OWN = re.compile(r"本(?:办法|规定|细则|实施细则|通知|意见|方案|决定|规则|制度|措施|文件|标准|政策|规范|意见|"
                 r"条例|导则|指引|规程|公告|通告)|施行|实施|执行|生效")


def add_years(d: date, n: int) -> date:
    try:
        return d.replace(year=d.year + n)
    except ValueError:  # 29 February
        return d.replace(year=d.year + n, day=28)


def stated_expiry(text: str, published: date | None) -> tuple[date, str] | None:
    """(last valid day, the sentence that says so) from the document's own text."""
    found: tuple[date, str] | None = None
    text = nospace(text)
    if m := EXTENDED.search(text):
        return first_date(m.group(1)), m.group(0)  # an extension overrides everything
    for sentence in re.split(r"[。；;\n]", text):
        if "有效期" not in sentence or not OWN.search(sentence):
            continue
        if m := RANGE.search(sentence):
            found = first_date(m.group(2)), m.group(0)
        elif m := UNTIL.search(sentence):
            found = first_date(m.group(1)), m.group(0)
        elif m := YEARS.search(sentence):
            n = cn_int(m.group(1))
            start_m = START.search(sentence)  # else 自印发/发布之日起, or no start: the publication
            start = first_date(start_m.group(1)) if start_m else published
            if n and start:
                found = add_years(start, n) - timedelta(days=1), sentence[:80]
    return found if found and found[0] else None


def check(records: Records, ctx: Context):
    default_years = int(ctx.option("default_years"))
    provisional_years = int(ctx.option("provisional_years"))
    today = ctx.now.date()
    valid = [d for d in records.meta_of_type("normative_doc", "policy_doc") if VALID.match(nospace(d.get("validity")))]
    for doc in records.with_columns(valid, "body", "text"):
        published = iso(doc.get("published_date")) or iso(doc.get("written_date"))
        stated = stated_expiry(body(doc), published)
        evidence = {}
        if stated:
            expiry, sentence = stated
            how = f"正文写明“{sentence}”"
        else:
            title = doc.get("title") or ""
            years = provisional_years if re.search(r"暂行|试行", title) and provisional_years else default_years
            if not years or not published:
                continue
            expiry = add_years(published, years) - timedelta(days=1)
            how = f"按配置的默认有效期{years}年（自{published}起算）推算"
            evidence = {"assumed": True, "default_years": years,
                        "note": "⚠️ 正文未写明有效期，按配置的省级默认有效期推算，需人工确认"}
        if expiry < today:
            yield RULE.finding(doc["unit"], doc["url"], None, title=book(doc.get("title") or ""),
                               validity=doc.get("validity"), how=how, expired_on=expiry.isoformat(),
                               published_date=doc.get("published_date"), **evidence)
