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
