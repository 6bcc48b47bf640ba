"""The explicit list of checks. Built-ins are registered here, by name, not discovered."""

from __future__ import annotations

from importlib import import_module

from .rule import Check, Rule

CHECK_MODULES = (
    "checks.link_broken",
    "checks.link_unverified",
    "checks.link_tls_error",
    "checks.normative_validity_missing",
    "checks.guide_missing",
    "checks.guide_revision_missing",
    "checks.guide_revision_outdated",
    "checks.policy_interpretation_missing",
    "checks.normative_fields_missing",
    "checks.normative_date_inconsistent",
    "checks.normative_docnumber_malformed",
    "checks.normative_validity_expired",
    "checks.normative_repealed_still_valid",
    "checks.normative_list_validity_mismatch",
    "checks.guide_elements_missing",
    "checks.guide_outdated_regulation",
    "checks.interpretation_late",
    "checks.interpretation_formalistic",
    "checks.annual_report_missing",
    "checks.annual_report_late",
    "checks.annual_report_sections_missing",
    "checks.column_missing",
    "checks.column_misnamed",
    "checks.column_empty",
    "checks.column_stale",
    "checks.link_mismatch",
    "checks.link_internal_host",
    "checks.consultation_too_short",
    "checks.consultation_no_feedback",
    "checks.message_late_reply",
    "checks.message_fields_missing",
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
