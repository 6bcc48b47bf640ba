"""已被废止的规范性文件仍标注有效.

检查内容: 同一单位后来发布的文件（“关于废止……的决定/通知”，或新文件中“原《……》同时废止”）
以《》写出名称或写出文号，宣布废止某一文件，而该文件页面的有效性仍标注为“有效/现行有效”。
只废止其中部分条款的（“《……》中有关……的规定同时废止”“《……》第五条废止”）、拟废止或征求意见的
不算；废止决定早于该文件发布的不算（同名文件重新印发）。
为什么重要: 文件废止后应在原文件上明确标注，否则公众会继续依据已废止的规定办事。
示例: 《关于废止〈青岚区某某暂行办法〉的决定》已发布，但《青岚区某某暂行办法》页面仍显示“有效性：有效”。
依据: 政府网站发展指引三（一）4（GFXWJ-02）；规范性文件清理与标注（GFXWJ-04）。
"""

from __future__ import annotations

import re

from .common import GUIDELINE_2017, basis
from .rule import Context, Records, Rule
from .text import BOOK, body, book, docno_key, docnos_in, iso, names_of, norm_title, nospace, with_body

RULE = Rule(
    id="normative.repealed-still-valid",
    title="已废止文件仍标注有效",
    severity="deduct",
    category="规范性文件",
    basis=(
        basis(GUIDELINE_2017, "三（一）4 文件资料发生修改、废止、失效等情况应在原文件上明确标注", "GFXWJ-04"),
        basis("各地政务公开工作要点", "规范性文件清理结果应及时在原文件上标注", "GFXWJ-04"),
    ),
    message="{doc_kind}《{title}》已被《{repealer_title}》废止，但页面仍标注为“{validity}”。",
    advice="将该文件的有效性改为“废止”（或“失效”），并可在页面注明废止文件的名称和文号。",
    description="同一单位后发布的文件宣布废止某文件，而该文件仍标注有效。",
)

VALID = re.compile(r"^(现行)?有效$")
REPEAL = re.compile(r"废止|停止执行")
NOT_REPEAL = re.compile(r"拟|建议|征求|不再废止|暂不废止|继续有效|保留|修改后|不予废止")
MARKER = re.compile(r"[【\[（(〔]已?(?:失效|废止)[】\]）)〕]")
NESTED = re.compile(r"《((?:[^《》]|《[^《》]*》){2,160})》")
PARTIAL_AFTER = re.compile(r"^(?:〔[^〕]*〕|（[^）]*）)?(?:中|第|的部分|部分|有关|相关|所附|附件|关于.{0,20}规定)")


def repeal_statements(doc: dict) -> list[tuple[str, set[str], set[str]]]:
    """(sentence, names repealed, 文号 repealed) of every repeal statement in the document."""
    title = MARKER.sub("", norm_title(doc.get("title")))  # 【已废止】 on itself is no statement
    text = title + "。" + norm_title(body(doc).replace("\n", "。"))
    out = []
    for sentence in re.split(r"[。；;]", text):
        if not REPEAL.search(sentence) or NOT_REPEAL.search(sentence):
            continue
        names: set[str] = set()
        for pattern in (BOOK, NESTED):
            for m in pattern.finditer(sentence):
                if not PARTIAL_AFTER.match(sentence[m.end():]) and len(m.group(1)) >= 4:
                    names.add(m.group(1))
        numbers = docnos_in(sentence)
        if names or numbers:
            out.append((sentence[:200], names, numbers))
    return out


NOT_REPEALERS = ("list", "column_index", "interpretation", "guide", "annual_report")


def _may_repeal(doc: dict) -> bool:
    """False when ``repeal_statements`` cannot find anything: neither 废(止) nor 停(止执行)
    anywhere in the title or text (normalising only removes characters)."""
    text = (doc.get("title") or "") + body(doc)
    return "废" in text or "停" in text


class _Targets:
    """The valid documents by the names and 文号 a statement may use, so each repealer is
    compared with the few it names instead of every valid document."""

    def __init__(self, valid: list[dict]) -> None:
        self.order = {d["url"]: k for k, d in enumerate(valid)}
        self.names: dict[str, list[dict]] = {}
        self.numbers: dict[str, list[dict]] = {}
        self.keys: dict[str, tuple[set[str], str | None]] = {}
        for d in valid:
            names, number = names_of(d.get("title")), docno_key(d.get("doc_number"))
            self.keys[d["url"]] = (names, number)
            for name in names:
                self.names.setdefault(name, []).append(d)
            if number:
                self.numbers.setdefault(number, []).append(d)

    def named(self, statements: list[tuple[str, set[str], set[str]]]) -> list[dict]:
        """The valid documents some statement names, in their order."""
        found = {}
        for _, names, numbers in statements:
            for name in names:
                found.update((d["url"], d) for d in self.names.get(name, ()))
            for number in numbers:
                found.update((d["url"], d) for d in self.numbers.get(number, ()))
        return sorted(found.values(), key=lambda d: self.order[d["url"]])


def check(records: Records, ctx: Context):
    docs = records.meta_of_type("normative_doc", "policy_doc")
    valid = [d for d in docs if VALID.match(nospace(d.get("validity")))]
    if not valid:
        return
    targets: _Targets | None = None
    reported: set[str] = set()
    kinds = {d["page_type"] for d in records.doc_meta} - set(NOT_REPEALERS)
    if not kinds:
        return
    for repealer in with_body(records, *(sorted(kinds) if None not in kinds else ())):
        if repealer["page_type"] in NOT_REPEALERS or not _may_repeal(repealer):
            continue
        statements = repeal_statements(repealer)
        if not statements:
            continue
        targets = targets or _Targets(valid)
        r_date = iso(repealer.get("published_date"))
        for target in targets.named(statements):
            if target["url"] in reported or target["url"] == repealer["url"] or target["unit"] != repealer["unit"]:
                continue
            t_date = iso(target.get("published_date"))
            if r_date and t_date and r_date < t_date:
                continue
            t_names, t_no = targets.keys[target["url"]]
            for sentence, names, numbers in statements:
                if t_names & names or (t_no and t_no in numbers):
                    reported.add(target["url"])
                    yield RULE.finding(
                        target["unit"], target["url"], None, title=book(target.get("title") or ""),
                        validity=target.get("validity"), repealer_title=book(repealer.get("title") or ""),
                        repealer_url=repealer["url"], repealer_published=repealer.get("published_date"),
                        sentence=sentence, doc_number=target.get("doc_number"),
                        doc_kind="行政规范性文件" if target["page_type"] == "normative_doc" else "政策文件")
                    break
