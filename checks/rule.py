"""What a check is: a rule declared as data plus one pure function over stored records.

A check never fetches, never reads the clock and never writes: the runner hands it the
records of one run and a context (config options, injected ``now``) and stores what it
returns.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Callable, Iterable

SEVERITIES = ("veto", "deduct", "advice")
SEVERITY_LABELS = {"veto": "单项否决", "deduct": "扣分", "advice": "提示"}


@dataclass(frozen=True)
class Basis:
    """One legal or policy reference: the document, the article, and the catalogue id."""

    document: str
    article: str = ""
    catalogue: str = ""  # id in shared/reference/rules.md, e.g. GUIDE-01

    def __str__(self) -> str:
        text = f"《{self.document}》" if not self.document.startswith(("《", "国办")) else self.document
        return f"{text}{self.article}" + (f"（{self.catalogue}）" if self.catalogue else "")


@dataclass(frozen=True)
class Rule:
    id: str                      # stable, `area.problem`
    title: str                   # Chinese, the 问题类型 column of a 通报
    severity: str                # veto / deduct / advice
    category: str                # the 通报 section it is reported under, e.g. 链接可用性
    basis: tuple[Basis, ...]
    message: str                 # format string over the evidence, one printable sentence
    advice: str                  # 整改建议
    options: tuple[str, ...] = ()  # threshold names; defaults live in config/defaults.toml
    description: str = ""        # what is checked and why (docs)

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"{self.id}: unknown severity {self.severity!r}")

    @property
    def severity_label(self) -> str:
        return SEVERITY_LABELS[self.severity]

    def finding(self, unit: str, url: str, target: str | None = None, **evidence: Any) -> "Finding":
        """A finding whose message is this rule's sentence filled from the evidence."""
        return Finding(rule=self.id, unit=unit, url=url, target=target, evidence=evidence,
                       message=self.message.format_map(_Blank(evidence)))


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""


@dataclass
class Finding:
    rule: str
    unit: str
    url: str
    target: str | None
    evidence: dict[str, Any] = field(default_factory=dict)
    message: str = ""

    @property
    def problem_id(self) -> str:
        """Stable across runs: the same problem at the same place keeps its number."""
        key = "\x1f".join([self.rule, self.url, self.target or ""])
        return "ZW" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10].upper()


@dataclass
class Context:
    """What a check may know besides the records: options and the audit time."""

    now: datetime
    options: dict[str, Any]
    site_name: str = ""
    units: dict[str, str] = field(default_factory=dict)  # unit id -> unit name
    unit_homes: dict[str, str] = field(default_factory=dict)  # unit id -> column home URL
    unit_categories: dict[str, str] = field(default_factory=dict)  # unit id -> 部门 / 镇街 … (config)

    def option(self, name: str) -> Any:
        if name not in self.options:
            raise KeyError(f"option {name!r} has no value; add it to config/defaults.toml")
        return self.options[name]


@dataclass(frozen=True)
class Check:
    rule: Rule
    run: Callable[["Records", Context], Iterable[Finding]]


class Records:
    """The stored observations of one run, in plain dicts, loaded once for all checks."""

    def __init__(self, pages: list[dict], links: list[dict], probes: list[dict],
                 documents: list[dict]) -> None:
        self.pages = pages
        self.links = links
        self.probes = {p["url"]: p for p in probes}
        self.documents = documents
        self.page_by_url = {p["url"]: p for p in pages}
        for p in pages:
            if p.get("final_url"):
                self.page_by_url.setdefault(p["final_url"], p)
        self.doc_by_url = {d["url"]: d for d in documents}

    def documents_of_type(self, *types: str) -> list[dict]:
        return [d for d in self.documents if d["page_type"] in types]
