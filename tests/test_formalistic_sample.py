"""interpretation.formalistic counts its boilerplate on an even sample of a large run's
detail pages: the fragments every page carries are found either way."""

from checks import interpretation_formalistic as formalistic
from checks.rule import Records

FOOTER = "主办单位青岚区人民政府办公室联系电话八八六六二二"
DIGITS = "零一二三四五六七八九"


def page(i: int, text: str, page_type: str = "policy_doc") -> dict:
    return {"run_id": 1, "url": f"http://x/{i}.html", "unit": "u1", "page_type": page_type, "title": f"文件{i}",
            "body": text, "text": "", "fields": "{}", "items": None, "extras": None, "tables": None}


def unique(i: int) -> str:
    """Text no other page shares: the page number spelled out, between distinct words."""
    return "".join(f"第{''.join(DIGITS[int(c)] for c in str(i))}号{k}段" for k in DIGITS)


def records(pages: int) -> tuple[Records, list]:
    docs = [page(i, unique(i) + FOOTER) for i in range(pages)]
    interp = page(pages, unique(pages) + FOOTER, "interpretation")
    docs.append(interp)
    return Records(pages=[], links=[], probes=[], documents=docs), [(interp, docs[0], "link")]


def test_sampled_boilerplate_equals_the_full_count(monkeypatch):
    recs, pairs = records(60)
    chars = {d["url"]: formalistic._chars(d["body"]) for d in recs.documents}
    full, sizes, shared = formalistic._compare(recs, pairs, chars, 5)
    monkeypatch.setattr(formalistic, "SAMPLE_PAGES", 12)
    sampled, sizes2, shared2 = formalistic._compare(recs, pairs, chars, 5)
    footer = formalistic._grams(FOOTER, 5)
    assert footer <= full and sampled == full
    assert (sizes2, shared2) == (sizes, shared)
