"""Which 解读 belongs to which document, for the rules that compare the two.

A 解读 whose title names documents (《名称》 or the full title) belongs to those; otherwise to
the one document it is linked with (either direction). A 解读 linked with several documents
and naming none is ambiguous and left out: a rule that compares dates or texts must not
guess.
"""

from __future__ import annotations

from .policy_interpretation_missing import DocTitleIndex
from .rule import DOC_TEXTS, Records

DOC_TYPES = ("normative_doc", "policy_doc")


def interpretation_pairs(records: Records) -> list[tuple[dict, dict, str]]:
    """(解读, document, how) with how = "title" or "link"; full document rows."""
    pairs = light_pairs(records)
    full = {d["url"]: d for d in records.with_columns(
        list({r["url"]: r for i, d, _ in pairs for r in (i, d)}.values()), *DOC_TEXTS)}
    return [(full[i["url"]], full[d["url"]], how) for i, d, how in pairs]


def light_pairs(records: Records) -> list[tuple[dict, dict, str]]:
    """``interpretation_pairs`` with light rows (no long texts: ``Records.doc_meta``), found
    once per run."""
    return records.memo(_light_pairs)


def _light_pairs(records: Records) -> list[tuple[dict, dict, str]]:
    docs = records.meta_of_type(*DOC_TYPES)
    by_url = {d["url"]: d for d in docs}
    interps = records.meta_of_type("interpretation")
    interp_urls = {i["url"] for i in interps}
    linked: dict[str, set[str]] = {u: set() for u in interp_urls}
    moved = {u: p["final_url"] for u, p in records.probes.items() if p.get("final_url") not in (None, "", u)}
    for src in interp_urls:  # a link from a 解读 to a document (or to where it redirects)
        for link in records.links_from.get(src, ()):
            for target in (link["to_url"], moved.get(link["to_url"])):
                if target in by_url:
                    linked[src].add(target)
    for src in by_url:  # a link from a document to a 解读
        for link in records.links_from.get(src, ()):
            for target in (link["to_url"], moved.get(link["to_url"])):
                if target in interp_urls:
                    linked[target].add(src)
    out = []
    index = DocTitleIndex(docs)  # = [d for d in docs if title_matches(解读 title, d title)], not pairwise
    for interp in interps:
        named = index.matching(interp.get("title") or "")
        if named:
            out.extend((interp, d, "title") for d in named)
        elif len(linked[interp["url"]]) == 1:
            out.append((interp, by_url[next(iter(linked[interp["url"]]))], "link"))
    return out
