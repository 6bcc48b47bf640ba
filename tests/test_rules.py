import pytest

from checks.registry import checks
from tests.rule_harness import build_records, context, load_cases

CASES = load_cases()
CHECKS = {c.rule.id: c for c in checks()}


@pytest.mark.parametrize("case", CASES, ids=[f"{c.rule}:{c.name}" for c in CASES])
def test_rule_case(case):
    found = list(CHECKS[case.rule].run(build_records(case), context(case)))
    got = sorted((f.unit, f.url, f.target) for f in found)
    want = sorted((e.get("unit", ""), e["url"], e.get("target")) for e in case.expect)
    assert got == want
    for f in found:
        assert f.rule == case.rule
        assert f.message and "{" not in f.message


def test_every_rule_has_a_passing_and_a_failing_case():
    for rule_id in CHECKS:
        mine = [c for c in CASES if c.rule == rule_id]
        assert any(c.expect for c in mine), f"{rule_id} has no failing case"
        assert any(not c.expect for c in mine), f"{rule_id} has no passing case"
