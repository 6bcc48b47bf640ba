"""空白栏目达到单项否决.

检查内容: 全站（本级和各单位专栏合计）空白栏目——没有任何信息、也没有情况说明的栏目，识别同
column.empty（逐个栏目的问题由它报告）——达到 min_empty 个（默认5个）时，报告一次。
为什么重要: 检查指标规定空白栏目数量超过（含）5个即单项否决，网站整体判为不合格。
示例: 全站有6个栏目既没有信息也没有说明。
依据: 检查指标2019 单项否决“栏目不更新”第3项（WEB-03）；普查2015 空白栏目（WEB-05）。
"""

from __future__ import annotations

from .column_empty import is_empty
from .column_stale_veto import site_root
from .columns import column_pages
from .common import INDICATORS_2019, basis
from .rule import Context, Records, Rule

RULE = Rule(
    id="column.empty-veto",
    title="空白栏目过多（单项否决）",
    severity="veto",
    category="栏目建设",
    basis=(
        basis(INDICATORS_2019, "单项否决：栏目不更新（空白栏目数量超过（含）5个）", "WEB-03"),
        basis("全国政府网站普查 关于信息公开目录普查监测的说明", "空白栏目须严格杜绝", "WEB-05"),
    ),
    message="全站共有{count}个空白栏目，达到“栏目不更新”单项否决标准（{threshold}个）。",
    advice="立即为空白栏目补充应公开的信息；确因职能未产生此类信息的，在栏目页面作出说明，或按规范调整栏目设置。",
    options=("min_empty",),
    description="没有信息也没有说明的栏目达到5个。",
)


def check(records: Records, ctx: Context):
    threshold = int(ctx.option("min_empty"))
    empty = [(url, doc, name) for url, (doc, name) in sorted(column_pages(records).items())
             if doc.get("extras") and is_empty(records, doc)]
    if len(empty) < threshold:
        return
    url = site_root(records) or empty[0][0]
    yield RULE.finding("", url, None, count=len(empty), threshold=threshold,
                       columns=[{"unit": d.get("unit") or "", "column": n, "url": u} for u, d, n in empty])
