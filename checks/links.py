"""Shared by the link rules: which stored link leads to which probe outcome."""

from __future__ import annotations

from typing import Iterator

from .rule import Records

OUTCOME_LABELS = {
    "http_error": "HTTP 错误", "soft_404": "页面不存在（软404）", "timeout": "访问超时",
    "dns_error": "域名无法解析", "connection_error": "连接被拒绝或中断", "redirect_loop": "重定向循环",
    "blocked": "被目标网站防护策略拦截", "tls_error": "证书错误",
}


def crawled_links(records: Records, outcomes: tuple[str, ...]) -> Iterator[tuple[dict, dict, dict]]:
    """(page, link, probe) for every link on a crawled page whose target ended in ``outcomes``."""
    if "ok" in outcomes:
        for link in records.links:
            page = records.page_by_url.get(link["from_url"])
            probe = records.probes.get(link["to_url"])
            if page is not None and not page.get("error") and probe is not None and probe["outcome"] in outcomes:
                yield page, link, probe
        return
    for page, link, probe in records.memo(_failed_links):
        if probe["outcome"] in outcomes:
            yield page, link, probe


def _failed_links(records: Records) -> list[tuple[dict, dict, dict]]:
    """(page, link, probe) for the links on crawled pages whose target did not answer "ok",
    found once for every link rule."""
    out = []
    pages, probes = records.page_by_url, records.probes
    for link in records.links:
        probe = probes.get(link["to_url"])
        if probe is None or probe["outcome"] == "ok":
            continue
        page = pages.get(link["from_url"])
        if page is None or page.get("error"):
            continue
        out.append((page, link, probe))
    return out


def link_evidence(link: dict, probe: dict) -> dict:
    status = probe.get("status")
    outcome = probe["outcome"]
    label = OUTCOME_LABELS.get(outcome, outcome)
    detail = f"{label}（HTTP {status}）" if status else label
    return {
        "link_text": link.get("text") or "",
        "outcome": outcome,
        "status": status,
        "detail": detail,
        "final_url": probe.get("final_url"),
        "redirects": probe.get("redirects"),
        "error": probe.get("error") or "",
        "method": probe.get("method"),
        "checked_at": probe.get("checked_at"),
    }
