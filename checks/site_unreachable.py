"""站点无法访问.

检查内容: 可用性探测（``zwgk uptime``，由 ``zwgk schedule --uptime`` 每30分钟运行一次）对门户首页和
信息公开专栏首页的访问记录中，检查前 window_days 天（默认7天）内无法打开的次数占比达到
max_failure_share（默认5%）。一次访问在超时时间（crawl.timeout_seconds，默认15秒）内没有打开
页面（超时、连接失败、域名解析失败、HTTP 4xx/5xx）即为失败；被防护系统拦截（blocked）或按安全
设置未访问（skipped）的不计入。按检查时刻往前每24小时为一天，访问次数达到 min_samples_per_day
（默认20次）的天数不足 min_days（默认7天）的，监测样本不足，无法评估，不报告。检查本身不访问网站，
只读数据库中的探测记录。
为什么重要: 检查指标规定监测1周、每天间隔性访问20次以上，超过（含）15秒网站仍打不开的次数累计
占比超过（含）5%的，即单项否决。
示例: 近7天探测672次，其中48次超时或连接失败（7.1%）。
依据: 检查指标2019 单项否决“站点无法访问”；普查2015 同（WEB-01）。
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from crawler.extract.site_features import is_home_url

from .common import INDICATORS_2019, basis
from .rule import Context, Records, Rule

NOT_COUNTED = ("blocked", "skipped")  # the prober was refused or kept away: says nothing of the site

RULE = Rule(
    id="site.unreachable",
    title="站点无法访问",
    severity="veto",
    category="网站运维",
    basis=(
        basis(INDICATORS_2019, "单项否决：站点无法访问（监测1周，每天访问20次以上，15秒仍打不开的次数占比≥5%）",
              "WEB-01"),
        basis("全国政府网站普查评分表（国办发〔2015〕15号）", "单项否决：站点无法访问", "WEB-01"),
    ),
    message="{site_name}网站近{window_days}天可用性监测共访问{samples}次，其中{failures}次无法打开，"
            "占{share}，达到或超过{threshold}的单项否决标准。",
    advice="排查服务器、网络、域名解析和防护设备，保障门户网站和信息公开专栏全天候可正常访问；"
           "建立可用性监测和故障告警机制，出现无法访问时及时恢复。",
    options=("window_days", "max_failure_share", "min_samples_per_day", "min_days"),
    description="定时探测的首页和专栏首页近7天无法打开的次数占比≥5%（每天至少20次访问，样本不足不评估）。",
)


def _time(value: str) -> datetime | None:
    try:
        found = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return found if found.tzinfo else found.replace(tzinfo=timezone.utc)


def _percent(value: float) -> str:
    return f"{value * 100:.1f}%".replace(".0%", "%")


def check(records: Records, ctx: Context):
    window = int(ctx.option("window_days"))
    limit = float(ctx.option("max_failure_share"))
    per_day, min_days = int(ctx.option("min_samples_per_day")), int(ctx.option("min_days"))
    day = timedelta(days=1)
    counted: list[tuple[int, dict]] = []
    for row in records.uptime:
        at = _time(row.get("time"))
        if at is None or row.get("error") in NOT_COUNTED:
            continue
        age = ctx.now - at
        if timedelta(0) <= age < window * day:
            counted.append((int(age / day), row))
    slices: dict[int, int] = {}
    for k, _ in counted:
        slices[k] = slices.get(k, 0) + 1
    days = sum(1 for n in slices.values() if n >= per_day)
    if days < min_days:
        return  # too few samples: cannot assess
    failed = [row for _, row in counted if not row.get("ok")]
    share = len(failed) / len(counted)
    if share < limit:
        return
    by_url: dict[str, dict] = {}
    errors: dict[str, int] = {}
    for _, row in counted:
        entry = by_url.setdefault(row["url"], {"samples": 0, "failures": 0})
        entry["samples"] += 1
        if not row.get("ok"):
            entry["failures"] += 1
            kind = row.get("error") or f"http_{row.get('status')}"
            errors[kind] = errors.get(kind, 0) + 1
    urls = sorted(by_url)
    url = next((u for u in urls if is_home_url(u)), urls[0])
    times = sorted(str(r.get("time")) for r in failed)
    yield RULE.finding("", url, None, site_name=ctx.site_name or "", window_days=window, samples=len(counted),
                       failures=len(failed), share=_percent(share), threshold=_percent(limit), days_assessed=days,
                       min_samples_per_day=per_day, errors=errors, by_url=by_url,
                       first_failure=times[0], last_failure=times[-1])
