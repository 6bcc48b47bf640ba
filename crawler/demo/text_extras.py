"""The demo portal's 公共企事业单位信息公开 columns, the 区政府办公室's 规章库 and two news items of
the 区教育和体育局, with their seeded defects D120–D123: a competent department without a
公共企事业单位信息公开 column, a 规章 without its 题注, an ordinary typo and a misspelt
(configured) leader name.

Applied by one call at the end of the builder (``portal._Build``), after site_extras: it adds
pages and links them from the unit homes at the anchor site_extras uses. Repaired variants
keep their URLs. The demo config turns the 规章 rule on for 区政府办公室 and names its leader
(``config_lines``).
"""

from __future__ import annotations

from html import escape

from . import pages as P
from .site_extras import UNIT_ANCHOR, _article, _column, _frame, _replace_once

DEFECTS: list[dict] = [
    {"id": "D120", "rule": "public-enterprise.column-missing", "unit": "zjj",
     "description": "区住房和城乡建设局主管供水、供气、供热，其专栏没有公共企事业单位信息公开栏目。"},
    {"id": "D121", "rule": "regulation.library-incomplete", "unit": "bgs",
     "description": "区政府办公室规章库中的《青岚区城市供水管理办法》页面没有题注（公布时间及文号、施行时间）。"},
    {"id": "D122", "rule": "text.typo", "unit": "jtj",
     "description": "区教育和体育局一则信息写有“截止目前”（应为“截至目前”）和“做为”（应为“作为”）。"},
    {"id": "D123", "rule": "text.serious-error", "unit": "jtj",
     "description": "区教育和体育局一则信息把区委书记林振华的姓名写成“林振化”（疑似，须人工核实）。"},
]

LEADER = "林振华"
GQ_NAME = "公共企事业单位信息公开"
GZ_NAME = "政府规章"
REGULATIONS = [  # key, title, days before today, 令 number, articles
    ("g1", "青岚区城市供水管理办法", 90, 12,
     ["为了加强城市供水管理，保障城市生活、生产用水和其他各项建设用水，根据《城市供水条例》等法律法规，结合本区实际，制定本办法。",
      "本区行政区域内从事城市供水工作和使用城市供水的单位和个人，应当遵守本办法。",
      "区住房和城乡建设局负责本区城市供水的监督管理工作，区发展和改革、市场监督管理等部门按照各自职责做好相关工作。"]),
    ("g2", "青岚区城市绿化管理办法", 200, 9,
     ["为了促进城市绿化事业的发展，改善生态环境，美化生活环境，根据《城市绿化条例》，结合本区实际，制定本办法。",
      "本办法适用于本区城市规划区内的城市绿化规划、建设、保护和管理。",
      "区城市管理局负责本区城市绿化的监督管理工作，街道办事处负责辖区内城市绿化的日常管理。"]),
]


def add_extras(b) -> None:
    """Everything of this module, on a finished build ``b``."""
    from .portal import UNIT  # the builder's own module: imported late (it imports this one)

    links = {"bgs": [(_regulations(b, UNIT["bgs"]), GZ_NAME)], "jtj": [(_education(b, UNIT["jtj"]), GQ_NAME)]}
    if b.is_fixed("D120"):
        links["zjj"] = [(_utilities(b, UNIT["zjj"]), GQ_NAME)]
    b.found("D120", "/xxgk/zjj/")
    for uid, cols in links.items():
        lis = "".join(f'\n<li><a href="{h}">{escape(t)}</a></li>' for h, t in cols)
        _replace_once(b.pages[f"/xxgk/{uid}/"], UNIT_ANCHOR, f"\n<h3>专题公开</h3><ul>{lis}\n</ul>{UNIT_ANCHOR}")


def _education(b, u) -> str:
    """区教育和体育局's column: two news items (D122: typos; D123: the leader's name misspelt) and
    the 适用主体清单."""
    typo = not b.is_fixed("D122")
    first = (f"{'截止' if typo else '截至'}目前，全区58所中小学校、幼儿园已全部在校园网站开设信息公开专栏，"
             f"学校{'做为' if typo else '作为'}公共企事业单位，按照规定公开办学条件、收费项目和标准、招生政策等信息。")
    news1 = _article(b, u, "gqdw", GQ_NAME, "n1", b.ago(6), "我区推进学校信息公开工作",
                     [first, "区教育和体育局将对各学校信息公开情况开展季度检查，检查结果纳入学校年度考核。"])
    b.found("D122", news1)
    name = LEADER if b.is_fixed("D123") else LEADER[:2] + "化"
    news2 = _article(b, u, "gqdw", GQ_NAME, "n2", b.ago(11), "区领导调研教育系统信息公开工作",
                     [f"近日，区委书记{name}同志一行来到区教育和体育局，调研教育系统公共企事业单位信息公开工作。",
                      "调研组察看了学校信息公开栏和校务公开网站，听取了工作汇报，要求坚持以人民为中心，"
                      "把群众关心的收费、招生、资助等信息公开到位。"])
    b.found("D123", news2)
    href = f"/xxgk/{u.id}/gqdw/P{b.ago(30):%Y%m%d}_1.pdf"
    _attach(b, href, "青岚区教育领域公共企事业单位信息公开适用主体清单")
    items = [(news1, "我区推进学校信息公开工作", b.ago(6)), (news2, "区领导调研教育系统信息公开工作", b.ago(11)),
             (href, "青岚区教育领域公共企事业单位信息公开适用主体清单", b.ago(30))]
    return _column(b, u, "gqdw", GQ_NAME, items)


def _utilities(b, u) -> str:
    """区住房和城乡建设局's column, when D120 is repaired."""
    href = f"/xxgk/{u.id}/gqdw/P{b.ago(20):%Y%m%d}_1.pdf"
    title = "青岚区供水供气供热公共企事业单位信息公开适用主体清单"
    _attach(b, href, title)
    return _column(b, u, "gqdw", GQ_NAME, [(href, title, b.ago(20))])


def _regulations(b, u) -> str:
    """区政府办公室's 规章库: title, 题注 and text only (D121: one without its 题注)."""
    rows = []
    for key, title, days, number, articles in REGULATIONS:
        when = b.ago(days)
        path = f"/xxgk/{u.id}/gz/{key}_{when:%Y%m%d}.html"
        caption = (f"<p class=\"tz\" style=\"text-align:center\">（{P.fmt_date(when, 'cn')}青岚区人民政府令第{number}号公布　"
                   f"自{P.fmt_date(b.ago(days - 30), 'cn')}起施行）</p>\n")
        if key == "g1":
            b.found("D121", path)
            if not b.is_fixed("D121"):
                caption = ""
        texts = [f"第{'一二三'[i]}条　{a}" for i, a in enumerate(articles)] + [
            f"第四条　本办法自{P.fmt_date(b.ago(days - 30), 'cn')}起施行。"]
        body = f"<h1>{escape(title)}</h1>\n{caption}" + P.paras(texts)
        b.add(path, _frame(u, [(GZ_NAME, f"/xxgk/{u.id}/gz/")], f"{title}_{P.SITE_NAME}", body), u)
        rows.append((path, title, when))
    return _column(b, u, "gz", GZ_NAME, rows)


def _attach(b, href: str, title: str) -> None:
    from .portal import ATTACH_TYPES, _attachment_bytes
    b.binaries[href] = (_attachment_bytes("pdf", title), ATTACH_TYPES["pdf"])


def config_lines() -> list[str]:
    """The demo district is given rule-making power for its 区政府办公室, and its leader's name."""
    return ['[rules."regulation.library-incomplete"]', 'units = ["bgs"]', "",
            '[rules."text.serious-error"]', f'names = ["{LEADER}"]', 'phrases = ["中国特色社会主义"]', ""]
