from pathlib import Path

from checks.docs import render
from checks.registry import rules

DOC = Path(__file__).resolve().parent.parent / "docs" / "rules.md"


def test_rules_doc_is_up_to_date():
    assert DOC.is_file(), "docs/rules.md is missing: run `python -m checks.docs > docs/rules.md`"
    assert DOC.read_text(encoding="utf-8") == render(), \
        "docs/rules.md is out of date: run `python -m checks.docs > docs/rules.md`"


def test_every_rule_is_documented_with_its_basis():
    text = DOC.read_text(encoding="utf-8")
    for r in rules():
        assert f"## {r.id}\n" in text, r.id
        for b in r.basis:
            assert b.catalogue in text, (r.id, b.catalogue)


CATALOGUE = Path(__file__).resolve().parent.parent.parent / "shared" / "reference" / "rules.md"


def _cited() -> set[str]:
    return {b.catalogue for r in rules() for b in r.basis}


def test_every_catalogue_id_is_cited_by_a_rule_or_listed_as_not_automated():
    from checks.catalogue import CATALOGUE_IDS, NOT_AUTOMATED

    listed = {u.id for u in NOT_AUTOMATED}
    assert len(listed) == len(NOT_AUTOMATED) and listed <= set(CATALOGUE_IDS)
    assert not listed & _cited(), "a catalogue id both cited by a rule and listed as not automated"
    missing = [i for i in CATALOGUE_IDS if i not in _cited() | listed]
    assert not missing, f"catalogue ids neither cited in a rule's basis nor in checks.catalogue.NOT_AUTOMATED: {missing}"
    assert _cited() <= set(CATALOGUE_IDS), f"unknown catalogue ids in rule bases: {sorted(_cited() - set(CATALOGUE_IDS))}"
    text = DOC.read_text(encoding="utf-8")
    assert "## 未自动检查的目录条目" in text and all(f"| {i} |" in text for i in listed)


def test_catalogue_id_list_matches_the_shared_catalogue():
    import re

    import pytest

    from checks.catalogue import CATALOGUE_IDS

    if not CATALOGUE.is_file():
        pytest.skip("../shared/reference/rules.md is not in this checkout")
    found = re.findall(r"^\| ([A-Z0-9]+-\d+) \|", CATALOGUE.read_text(encoding="utf-8"), re.M)
    assert sorted(set(found)) == sorted(CATALOGUE_IDS)
