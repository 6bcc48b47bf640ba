"""What a check is: a rule declared as data plus one pure function over stored records.

A check never fetches, never reads the clock and never writes: the runner hands it the
records of one run and a context (config options, injected ``now``) and stores what it
returns.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any, Callable, Iterable, Iterator

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


# Columns of `documents` that hold long texts (a new long column belongs here too). The light
# rows (``Records.doc_meta``) carry every other column; these come only from
# ``iter_documents`` / ``with_columns`` (or the full rows of ``documents``).
DOC_TEXTS = ("text", "body", "items", "extras", "fields", "tables")


class Records:
    """The stored observations of one run, as plain dicts, shared by all checks.

    What a check may read (the columns are those of the tables in crawler/store.py):

    - ``pages``: every crawled page (url, final_url, status, unit, title, page_type, error);
      ``page_by_url`` finds one by URL or final URL.
    - ``links``: every link (from_url, to_url, text, kind); ``links_from[url]``: the links
      that page carries, in the same order as ``links``.
    - ``probes``: target URL -> its probe (outcome, status, final_url, redirects, title …).
    - documents, light: ``doc_meta``, ``meta_of_type(*types)``, ``meta_by_url`` — every
      column except the long texts of ``DOC_TEXTS`` (text, body, items, extras, fields,
      tables). Cheap at any size: choose the documents a rule looks at with these.
    - documents with their long texts, on demand: ``iter_documents(*types, columns=…,
      contains=…)`` streams rows (light columns + the named long ones) in stored order
      without keeping them — ``contains={"extras": '"message"'}`` skips, inside SQLite,
      the pages whose column holds none of the given texts; ``with_columns(rows, *columns)``
      adds long columns to light rows already chosen (e.g. ``with_columns(valid, "body",
      "text")``, both because ``checks.text.body`` falls back to ``text``).
    - ``documents``, ``documents_of_type(*types)``, ``doc_by_url``: full rows, as in the
      first rules. Over a stored run ``documents`` / ``doc_by_url`` load every text of every
      page (0.7 GB and seconds at 100,000 pages) the first time any rule touches them, so
      new rules use the light rows and the two calls above instead.
    - ``uptime``: the visits of the uptime prober (``zwgk uptime``, not part of any run) for the
      run's site, oldest first: time (UTC ISO), url, ok (1/0), status, elapsed_ms, error.
    - ``memo(build, *args)``: ``build(records, *args)`` computed once per run and shared by
      every check that asks; ``build`` must be pure. Shared this way already:
      ``pairs.light_pairs`` (解读 ↔ document), ``columns.column_pages``,
      ``guide_missing.guide_urls_by_unit``, the failed links of ``links.crawled_links``, the
      年报 index of ``annual``. A loop over every link or document inside a loop over units
      or pages is what made checks take hours: build an index once (here) instead.

    Rows, and the strings in them, are shared between rules (one str object per distinct
    URL): never change them.

    Built from lists (``Records(pages=…, links=…, probes=…, documents=…)``, as the rule
    harness does) everything is in memory; ``checks.runner.StoredRecords`` reads the same
    things from the database of a run.
    """

    def __init__(self, pages: list[dict], links: list[dict], probes: list[dict],
                 documents: list[dict], uptime: list[dict] | None = None) -> None:
        self.pages = pages
        self._uptime = uptime
        self.links = links
        self.probes = {p["url"]: p for p in probes}
        self._documents: list[dict] | None = documents
        self._memo: dict[Any, Any] = {}

    # ------------------------------------------------------------ pages, links, shared results

    @cached_property
    def page_by_url(self) -> dict[str, dict]:
        found = {p["url"]: p for p in self.pages}
        for p in self.pages:
            if p.get("final_url"):
                found.setdefault(p["final_url"], p)
        return found

    @cached_property
    def links_from(self) -> dict[str, list[dict]]:
        found: dict[str, list[dict]] = {}
        for link in self.links:
            found.setdefault(link["from_url"], []).append(link)
        return found

    @property
    def uptime(self) -> list[dict]:
        if self._uptime is None:
            self._uptime = self._load_uptime()
        return self._uptime

    def _load_uptime(self) -> list[dict]:
        return []

    def memo(self, build: Callable[..., Any], *args: Any) -> Any:
        key = (build, args)
        if key not in self._memo:
            self._memo[key] = build(self, *args)
        return self._memo[key]

    # ------------------------------------------------------------ documents, light

    @cached_property
    def doc_meta(self) -> list[dict]:
        return [{k: v for k, v in d.items() if k not in DOC_TEXTS} for d in self.documents]

    @cached_property
    def meta_by_url(self) -> dict[str, dict]:
        return {d["url"]: d for d in self.doc_meta}

    def meta_of_type(self, *types: str) -> list[dict]:
        return [d for d in self.doc_meta if d["page_type"] in types]

    # ------------------------------------------------------------ documents with long texts

    def iter_documents(self, *types: str, columns: Iterable[str] = DOC_TEXTS,
                       contains: dict[str, str | tuple[str, ...]] | None = None) -> Iterator[dict]:
        """Documents (of ``types``, or all) with their light columns and the long ``columns``,
        in stored order. ``contains``: only those whose column holds that (non-empty) text, or
        one of those texts — a filter for a rule that can only fire on such a page."""
        wanted = set(columns)
        tests = [(col, (texts,) if isinstance(texts, str) else texts) for col, texts in (contains or {}).items()]
        for d in self.documents:
            if types and d["page_type"] not in types:
                continue
            if tests and not all(any(t in (d.get(col) or "") for t in texts) for col, texts in tests):
                continue
            yield {k: v for k, v in d.items() if k not in DOC_TEXTS or k in wanted}

    def with_columns(self, rows: Iterable[dict], *columns: str) -> Iterator[dict]:
        """Each of ``rows`` (light rows) with the long ``columns`` added, in the same order."""
        full = self.doc_by_url
        for row in rows:
            doc = full.get(row["url"], {})
            yield {**row, **{c: doc.get(c) for c in columns}}

    # ------------------------------------------------------------ documents, full rows

    @property
    def documents(self) -> list[dict]:
        if self._documents is None:
            self._documents = self._load_documents()
        return self._documents

    @documents.setter
    def documents(self, value: list[dict]) -> None:
        self._documents = value
        self.__dict__.pop("doc_by_url", None)
        self.__dict__.pop("doc_meta", None)
        self.__dict__.pop("meta_by_url", None)

    @cached_property
    def doc_by_url(self) -> dict[str, dict]:
        return {d["url"]: d for d in self.documents}

    def documents_of_type(self, *types: str) -> list[dict]:
        return [d for d in self.documents if d["page_type"] in types]

    def _load_documents(self) -> list[dict]:
        raise NotImplementedError
