import re

from checks.registry import checks
from checks.rule import SEVERITIES
from crawler.config import load_defaults

CONTRACT_IDS = {"link.broken", "normative.validity-missing", "guide.missing", "guide.revision-missing",
                "guide.revision-outdated", "policy.interpretation-missing"}


def test_contract_rule_ids_exist():
    assert CONTRACT_IDS <= {c.rule.id for c in checks()}


def test_every_rule_is_fully_declared():
    defaults = load_defaults()["rules"]
    ids = [c.rule.id for c in checks()]
    assert len(ids) == len(set(ids))
    for c in checks():
        r = c.rule
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*\.[a-z]+(-[a-z]+)*", r.id), r.id
        assert r.severity in SEVERITIES
        assert re.search(r"[\u4e00-\u9fff]", r.title) and r.category
        assert r.basis and all(b.document and b.catalogue for b in r.basis), r.id
        assert r.message and r.advice and r.description, r.id
        assert r.id in defaults, f"{r.id} missing from config/defaults.toml"
        for option in r.options:
            assert option in defaults[r.id], f"{r.id}.{option} has no default"
        module = __import__(c.run.__module__, fromlist=["__doc__"])
        for heading in ("检查内容", "为什么重要", "示例", "依据"):
            assert heading in (module.__doc__ or ""), f"{r.id}: docstring lacks {heading}"
