"""The rule catalogue (``../shared/reference/rules.md``) as data: every catalogue id, the rows no
check automates and why, and the basis entries that tie a catalogue row to rules that cover it.

Every catalogue id is either cited in some rule's basis or listed in ``NOT_AUTOMATED``;
``tests/test_docs.py`` enforces it against ``CATALOGUE_IDS`` (kept here, because a clean clone
of this repository has no ``../shared``) and against the catalogue file itself when present.
``checks.docs`` renders ``NOT_AUTOMATED`` as the section "未自动检查的目录条目" of docs/rules.md.
"""

from __future__ import annotations

from dataclasses import dataclass

from .common import basis

CATALOGUE_IDS: tuple[str, ...] = (
    "PLAT-01", "PLAT-02", "PLAT-03", "PLAT-04", "PLAT-05",
    "GUIDE-01", "GUIDE-02", "GUIDE-03", "GUIDE-04", "GUIDE-05",
    "FDZD-01", "FDZD-02", "FDZD-03", "FDZD-04",
    "GFXWJ-01", "GFXWJ-02", "GFXWJ-03", "GFXWJ-04", "GFXWJ-05", "GFXWJ-06", "GFXWJ-07", "GFXWJ-08",
    "JD-01", "JD-02", "JD-03", "JD-04", "JD-05",
    "NB-01", "NB-02", "NB-03", "NB-04", "NB-05", "NB-06", "NB-07", "NB-08", "NB-09",
    "WEB-01", "WEB-02", "WEB-03", "WEB-04", "WEB-05", "WEB-06", "WEB-07",
    "HD-01", "HD-02", "HD-03", "HD-04",
    "ZJ-01", "ZJ-02", "ZJ-03",
    "JC-01", "JC-02", "GQ-01",
    "OTH-01", "OTH-02", "OTH-03",
    "SEC-01", "SEC-02", "SEC-03", "SEC-04",
    "A11Y-01", "A11Y-02", "A11Y-03", "A11Y-04",
)


@dataclass(frozen=True)
class Uncovered:
    id: str          # catalogue id
    title: str       # what the catalogue row asks, in Chinese
    reason: str      # why no check automates it


NOT_AUTOMATED: tuple[Uncovered, ...] = (
    Uncovered("SEC-04", "其他安全类单项否决：泄露国家秘密，发布或链接反动、暴力、色情等有害信息，网页被篡改或挂马未及时处置，"
                        "网站管理不当引发严重负面舆情",
              "需要定密判断、内容安全研判、恶意代码检测和舆情信息，超出合规抓取与规则判断的范围，由保密、网信和"
              "安全部门按各自程序检查；本工具不据此出具通报。"),
    Uncovered("A11Y-02", "适老化页面不得出现广告和弹窗（含诱导下载、诱导付费按钮）",
              "需要在浏览器中切换并渲染各网站不同实现的长者模式（关怀版）后判断浮层和广告，本工具只读取页面标记，"
              "不操作适老化模式；请在适老化评测中人工检查。"),
)

# Basis entries for catalogue rows whose content existing rules already check.
GFXWJ_07 = basis("优化营商环境条例（国务院令第722号）",
                 "第六十二条：制定与市场主体生产经营活动密切相关的规章、行政规范性文件，应当公开征求意见"
                 "（规范性文件、规章制定前公开征求意见，目录 GFXWJ-07 即 ZJ-01～ZJ-03）", "GFXWJ-07")
JC_02 = basis("重大行政决策程序暂行条例（国务院令第713号）",
              "第三十二条：决策草案应当说明公众意见的采纳情况（重大行政决策公开的后续，见 ZJ-02）", "JC-02")
A11Y_03 = basis("互联网网站适老化通用设计规范（工业和信息化部，2021年）",
                "阅读辅助：特大字体、背景色高对比、文字放大和语音阅读（只检查是否提供适老化、无障碍工具条入口；"
                "各项功能是否可用、验证码放大不低于2倍及非视觉替代、全程键盘和特大鼠标操作不自动检查）", "A11Y-03")
