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
    for link in records.links:
        src, dst = link["from_url"], link["to_url"]
        if src not in interp_urls and src not in by_url:
            continue  # neither end can make a pair
        final = (records.probes.get(dst) or {}).get("final_url") or dst
        for target in {dst, final}:
            if src in interp_urls and target in by_url:
                linked[src].add(target)
            if target in interp_urls and src in by_url:
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
