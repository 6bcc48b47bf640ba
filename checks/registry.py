"""The explicit list of checks. Built-ins are registered here, by name, not discovered."""

from __future__ import annotations

from importlib import import_module

from .rule import Check, Rule

CHECK_MODULES = (
    "checks.link_broken",
    "checks.link_unverified",
    "checks.normative_validity_missing",
    "checks.guide_missing",
    "checks.guide_revision_missing",
    "checks.guide_revision_outdated",
    "checks.policy_interpretation_missing",
)


def checks() -> list[Check]:
    found = []
    for name in CHECK_MODULES:
        module = import_module(name)
        found.append(Check(rule=module.RULE, run=module.check))
    return found


def rules() -> list[Rule]:
    return [c.rule for c in checks()]


def rule_by_id() -> dict[str, Rule]:
    return {r.id: r for r in rules()}
