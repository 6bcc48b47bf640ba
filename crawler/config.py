"""Site configuration: load a TOML file, merge it over ``config/defaults.toml``, validate.

Errors name the file and the key, because the people who write these files are office
staff and evaluators, not the authors of the tool.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

CONFIG_DIR = Path(__file__).resolve().parent.parent / "config"
DEFAULTS_FILE = CONFIG_DIR / "defaults.toml"

SITE_ID = re.compile(r"^[a-z0-9_-]+$")


class ConfigError(Exception):
    """A user error in a config file; the message is printed as is."""


@dataclass(frozen=True)
class Unit:
    id: str
    name: str
    urls: tuple[str, ...]
    category: str = ""  # e.g. 部门 / 镇街, used to rank units separately

    @property
    def home(self) -> str:
        return self.urls[0]


@dataclass
class SiteConfig:
    path: Path
    id: str
    name: str
    start_urls: list[str]
    allowed_domains: list[str]
    units: list[Unit]
    crawl: dict[str, Any]
    classify: dict[str, Any]
    report: dict[str, Any]
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)

    def rule_options(self, rule_id: str) -> dict[str, Any]:
        return self.rules.get(rule_id, {})

    def rule_enabled(self, rule_id: str) -> bool:
        return bool(self.rule_options(rule_id).get("enabled", True))

    @property
    def issuer(self) -> str:
        return self.report.get("issuer") or f"{self.name}办公室"


def load_defaults() -> dict[str, Any]:
    with DEFAULTS_FILE.open("rb") as fh:
        return tomllib.load(fh)


# key -> (type, required) for the fixed sections; "rules" is checked against the defaults.
_SITE_KEYS = {
    "id": (str, True),
    "name": (str, True),
    "start_urls": (list, True),
    "allowed_domains": (list, False),
}
_UNIT_KEYS = {"id": (str, True), "name": (str, True), "urls": (list, True), "category": (str, False)}


def _type_name(t: type) -> str:
    return {str: "字符串 string", list: "列表 list", int: "整数 integer", bool: "布尔 boolean",
            float: "数字 number", dict: "表 table"}.get(t, t.__name__)


def _check_type(where: str, key: str, value: Any, expected: type) -> None:
    ok = isinstance(value, expected)
    if expected is int and isinstance(value, bool):
        ok = False
    if expected is float and isinstance(value, (int, float)) and not isinstance(value, bool):
        ok = True
    if not ok:
        raise ConfigError(f"{where}: 键 `{key}` 类型错误，应为{_type_name(expected)} (got {value!r})")


def _check_url(where: str, key: str, url: Any) -> str:
    if not isinstance(url, str):
        raise ConfigError(f"{where}: 键 `{key}` 应为网址字符串 (got {url!r})")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(f"{where}: 键 `{key}` 不是有效的 http(s) 网址: {url!r}")
    return url


def _merge_section(where: str, name: str, given: Any, defaults: dict[str, Any]) -> dict[str, Any]:
    if given is None:
        return dict(defaults)
    _check_type(where, name, given, dict)
    merged = dict(defaults)
    for key, value in given.items():
        if key not in defaults:
            raise ConfigError(f"{where}: 未知的键 `{name}.{key}` (unknown key)")
        expected = type(defaults[key])
        _check_type(where, f"{name}.{key}", value, float if expected is float else expected)
        merged[key] = value
    return merged


def _check_rule_patterns(where: str, rid: str, opts: dict[str, Any]) -> None:
    """Rule options named ``*pattern``/``*patterns`` (and ``pattern`` keys of their tables) are
    regular expressions: a broken one is a config error, not a crash of the check."""
    for key, value in opts.items():
        values = value if isinstance(value, list) else [value]
        for v in values:
            named = key.endswith(("pattern", "patterns"))
            pattern = v.get("pattern") if isinstance(v, dict) else (v if named else None)
            if not isinstance(pattern, str):
                continue
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ConfigError(f'{where}: 键 `rules."{rid}".{key}` 中的正则表达式无效: {pattern!r} ({exc})') from None


def load_config(path: str | Path) -> SiteConfig:
    path = Path(path)
    where = str(path)
    if not path.is_file():
        raise ConfigError(f"{where}: 配置文件不存在 (config file not found)")
    try:
        with path.open("rb") as fh:
            raw = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{where}: TOML 语法错误: {exc}") from None
    defaults = load_defaults()

    allowed_top = {"site", "units", "crawl", "classify", "report", "rules"}
    for key in raw:
        if key not in allowed_top:
            raise ConfigError(f"{where}: 未知的键 `{key}` (unknown key)")
    site = raw.get("site")
    if not isinstance(site, dict):
        raise ConfigError(f"{where}: 缺少必需的表 `[site]` (missing required key)")
    for key, value in site.items():
        if key not in _SITE_KEYS:
            raise ConfigError(f"{where}: 未知的键 `site.{key}` (unknown key)")
        _check_type(where, f"site.{key}", value, _SITE_KEYS[key][0])
    for key, (_, required) in _SITE_KEYS.items():
        if required and key not in site:
            raise ConfigError(f"{where}: 缺少必需的键 `site.{key}` (missing required key)")
    if not SITE_ID.match(site["id"]):
        raise ConfigError(f"{where}: 键 `site.id` 只能包含 a-z 0-9 _ - (got {site['id']!r})")
    if not site["start_urls"]:
        raise ConfigError(f"{where}: 键 `site.start_urls` 不能为空")
    start_urls = [_check_url(where, "site.start_urls", u) for u in site["start_urls"]]
    allowed = site.get("allowed_domains") or sorted({urlsplit(u).hostname or "" for u in start_urls})
    for dom in allowed:
        if not isinstance(dom, str) or not dom:
            raise ConfigError(f"{where}: 键 `site.allowed_domains` 应为主机名列表")

    units_raw = raw.get("units", [])
    _check_type(where, "units", units_raw, list)
    units: list[Unit] = []
    seen: set[str] = set()
    for i, u in enumerate(units_raw):
        uwhere = f"units[{i}]"
        _check_type(where, uwhere, u, dict)
        for key, value in u.items():
            if key not in _UNIT_KEYS:
                raise ConfigError(f"{where}: 未知的键 `{uwhere}.{key}` (unknown key)")
            _check_type(where, f"{uwhere}.{key}", value, _UNIT_KEYS[key][0])
        for key, (_, required) in _UNIT_KEYS.items():
            if required and key not in u:
                raise ConfigError(f"{where}: 缺少必需的键 `{uwhere}.{key}` (missing required key)")
        if not SITE_ID.match(u["id"]):
            raise ConfigError(f"{where}: 键 `{uwhere}.id` 只能包含 a-z 0-9 _ - (got {u['id']!r})")
        if u["id"] in seen:
            raise ConfigError(f"{where}: 键 `{uwhere}.id` 重复: {u['id']!r}")
        if not u["urls"]:
            raise ConfigError(f"{where}: 键 `{uwhere}.urls` 不能为空")
        seen.add(u["id"])
        urls = tuple(_check_url(where, f"{uwhere}.urls", x) for x in u["urls"])
        units.append(Unit(u["id"], u["name"], urls, u.get("category", "")))

    crawl = _merge_section(where, "crawl", raw.get("crawl"), defaults["crawl"])
    if crawl["scope"] not in ("prefix", "host"):
        raise ConfigError(f"{where}: 键 `crawl.scope` 应为 \"prefix\" 或 \"host\"")
    for key in ("concurrency_per_host", "max_pages", "max_depth"):
        if crawl[key] < 1:
            raise ConfigError(f"{where}: 键 `crawl.{key}` 必须大于 0")
    if crawl["requests_per_second_per_host"] < 0 or crawl["timeout_seconds"] <= 0:
        raise ConfigError(f"{where}: 键 `crawl.requests_per_second_per_host`/`crawl.timeout_seconds` 不能为负")
    for key in ("max_browser_pages", "max_pages_per_prefix", "max_query_variants", "max_page_kb",
                "retry_backoff_seconds"):
        if key in crawl and crawl[key] < 0:
            raise ConfigError(f"{where}: 键 `crawl.{key}` 不能为负")
    if crawl["extract_processes"] < -1:
        raise ConfigError(f"{where}: 键 `crawl.extract_processes` 应为 -1（自动）、0 或正整数")
    for pattern in crawl.get("render_url_patterns", []):
        try:
            re.compile(pattern)
        except (re.error, TypeError) as exc:
            raise ConfigError(f"{where}: 键 `crawl.render_url_patterns` 中的正则表达式无效: {pattern!r} ({exc})") from None
    classify = _merge_section(where, "classify", raw.get("classify"), defaults["classify"])
    for key in ("normative_url_patterns", "policy_url_patterns"):
        for pattern in classify[key]:
            try:
                re.compile(pattern)
            except (re.error, TypeError) as exc:
                raise ConfigError(f"{where}: 键 `classify.{key}` 中的正则表达式无效: {pattern!r} ({exc})") from None
    report = _merge_section(where, "report", raw.get("report"), defaults["report"])

    rules_raw = raw.get("rules", {})
    _check_type(where, "rules", rules_raw, dict)
    rules: dict[str, dict[str, Any]] = {rid: dict(opts) for rid, opts in defaults.get("rules", {}).items()}
    for rid, opts in rules_raw.items():
        if rid not in rules:
            raise ConfigError(f"{where}: 未知的规则 `rules.\"{rid}\"` (unknown rule id)")
        rules[rid] = _merge_section(where, f'rules."{rid}"', opts, rules[rid])
        _check_rule_patterns(where, rid, rules[rid])

    return SiteConfig(
        path=path, id=site["id"], name=site["name"], start_urls=start_urls,
        allowed_domains=list(allowed), units=units, crawl=crawl, classify=classify,
        report=report, rules=rules,
    )
