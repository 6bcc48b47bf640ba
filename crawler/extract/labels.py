"""Metadata label/value pairs, found by what the page says rather than by CMS selectors.

Every CMS renders the 信息公开 metadata block differently (table cells, ``<li><span>``,
``<dl>``, one line with several pairs, ``有&ensp;效&ensp;性：`` with the value in a later
``<em>``), but the label words are stable. We walk the visible text nodes in order and
read a label at the start of a node, its value either after the colon in the same node or
in the next nearby node.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# canonical field -> label words (longest first matters only within the combined regex)
FIELD_LABELS: dict[str, tuple[str, ...]] = {
    "title": ("标题", "名称", "信息名称", "文件名称", "文件标题"),
    "index_no": ("索引号", "信息索引号", "索取号"),
    "issuer": ("发文机关", "发布机构", "发文单位", "发布单位", "成文机关", "制发机关", "责任部门", "信息来源",
               "来源"),
    "doc_number": ("文号", "发文字号", "发布文号", "文件编号", "文件字号", "字号"),
    "written_date": ("成文日期", "生成日期", "成文时间", "签发日期"),
    "published_date": ("发布日期", "发文日期", "发布时间", "发文时间", "公开日期", "公开时间", "印发日期"),
    "validity": ("有效性", "时效性", "效力状态", "效力状况", "效力", "文件状态", "时效", "有效状态", "文件效力"),
    "category": ("主题分类", "组配分类", "体裁分类", "信息分类", "文件类型", "分类"),
    "revised_date": ("修订时间", "修订日期", "更新日期", "修改日期", "最后更新", "更新时间", "修订于"),
}

_OPEN, _CLOSE = "【[〔(（", "】]〕)）"
_SKIP_TAGS = {"script", "style", "noscript", "template", "head", "select", "option", "textarea"}
_SPACES = re.compile(r"[\s\u00a0\u2002\u2003\u2009\u3000\ufeff]+")
_EMPTY_VALUES = {"", "-", "—", "——", "/", "无", "暂无", "null", "none", "空"}


def _label_pattern(word: str) -> str:
    return r"\s*".join(re.escape(ch) for ch in word)


_ALL = sorted(((w, f) for f, words in FIELD_LABELS.items() for w in words), key=lambda x: -len(x[0]))
_FIELD_OF = {w: f for w, f in _ALL}
_LABEL_RE = "|".join(f"(?P<l{i}>{_label_pattern(w)})" for i, (w, _) in enumerate(_ALL))
# A label at the start of a node: optional bracket, the word, optional bracket, then a colon
# or the end of the node (value in the next node).
LABEL_AT_START = re.compile(rf"^[【\[〔(（]?\s*(?:{_LABEL_RE})\s*[】\]〕)）]?\s*(?:[:：]\s*|$)")
LABEL_INSIDE = re.compile(rf"(?:^|\s|[|｜;；])[【\[〔]?\s*(?:{_LABEL_RE})\s*[】\]〕]?\s*[:：]")


def clean(text: str | None) -> str:
    return _SPACES.sub(" ", text or "").strip()


def meta_content(root, *names: str) -> str:
    """The cleaned ``content`` of the first ``<meta name|property>`` among ``names`` (any case)."""
    wanted = {n.lower() for n in names}
    for m in root.iter("meta"):
        if (m.get("name") or m.get("property") or "").lower() in wanted and m.get("content"):
            return clean(m.get("content"))
    return ""


@dataclass
class TextNode:
    text: str
    owner: object  # the lxml element whose text or tail this is
    in_link: bool


def text_nodes(root) -> list[TextNode]:
    """Visible text nodes in document order, each with the element that holds it."""
    nodes: list[TextNode] = []

    def walk(el, in_link: bool) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag.lower() in _SKIP_TAGS:
            return
        link = in_link or tag.lower() == "a"
        if tag and el.text:
            t = clean(el.text)
            if t:
                nodes.append(TextNode(t, el, link))
        for child in el:
            walk(child, link)
            if child.tail:
                t = clean(child.tail)
                if t:
                    nodes.append(TextNode(t, el, in_link))

    walk(root, False)
    return nodes


def _field_of_match(m: re.Match) -> str:
    for name, value in m.groupdict().items():
        if value is not None:
            return _FIELD_OF[_ALL[int(name[1:])][0]]
    raise AssertionError("no label group matched")


ANY_LABEL = re.compile(r"^[\u4e00-\u9fff\s]{2,10}[:：]")


def _cell(el):
    for _ in range(4):
        if el is None:
            return None
        if isinstance(el.tag, str) and el.tag.lower() in ("td", "th"):
            return el
        el = el.getparent()
    return None


def _inside(node, ancestor) -> bool:
    while node is not None:
        if node is ancestor:
            return True
        node = node.getparent()
    return False


def _is_near(label_owner, value_owner) -> bool:
    """The value sits in the same row/item as the label: in a table, the label's cell or the
    next one; elsewhere within three ancestors of the label."""
    cell = _cell(label_owner)
    if cell is not None:
        nxt = cell.getnext()
        return _inside(value_owner, cell) or (nxt is not None and _inside(value_owner, nxt))
    anc = label_owner
    for _ in range(3):
        parent = anc.getparent()
        if parent is None:
            break
        anc = parent
    return _inside(value_owner, anc)


def _split_pairs(field: str, rest: str, out: dict[str, list[str]]) -> None:
    """``rest`` may hold more pairs: 发布日期：2022-06-01 来源：区政府办."""
    m = LABEL_INSIDE.search(rest)
    value = rest[: m.start()].strip() if m else rest.strip()
    out.setdefault(field, []).append(value)
    if m:
        nxt = _field_of_match(m)
        _split_pairs(nxt, rest[m.end():], out)


def _rank(field: str, label: str) -> int:
    compact = re.sub(r"\s+", "", label)
    words = FIELD_LABELS[field]
    return words.index(compact) if compact in words else len(words)


def extract_labels(nodes: list[TextNode]) -> dict[str, str]:
    """One value per canonical field, from its strongest label word (发文机关 before 来源),
    first occurrence first. An empty value is kept as ``""``: label seen, no value."""
    found: dict[str, tuple[int, int, str]] = {}  # field -> (rank, order, value)
    order = 0
    for i, node in enumerate(nodes):
        if node.in_link or len(node.text) > 200:
            continue
        m = LABEL_AT_START.match(node.text)
        if not m:
            continue
        if m.group(0)[0] in _OPEN and not any(ch in m.group(0) for ch in _CLOSE):
            continue  # "（责任部门：县发改委）" in running text is a remark, not a metadata label
        field = _field_of_match(m)
        rank = _rank(field, m.group(0).strip("【[〔(（】]〕)）:： "))
        rest = node.text[m.end():].strip()
        pairs: dict[str, list[str]] = {}
        if rest:
            _split_pairs(field, rest, pairs)
        else:
            value = ""
            if i + 1 < len(nodes):
                nxt = nodes[i + 1]
                if (not LABEL_AT_START.match(nxt.text) and not ANY_LABEL.match(nxt.text)
                        and len(nxt.text) <= 120 and _is_near(node.owner, nxt.owner)):
                    value = nxt.text
            pairs[field] = [value]
        for f, values in pairs.items():
            value = values[0].strip(" :：")
            value = "" if value.lower() in _EMPTY_VALUES else value
            r = rank if f == field else len(FIELD_LABELS[f])
            order += 1
            if f not in found or (r, order) < found[f][:2] and not (found[f][2] and not value):
                found[f] = (r, order, value)
    return {f: v for f, (_, _, v) in found.items()}
