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
    "checks.annual_report_disclosure_table",
    "checks.annual_report_application_table",
    "checks.annual_report_review_table",
    "checks.annual_report_year_inconsistent",
    "checks.annual_report_copied",
    "checks.annual_report_archive_incomplete",
    "checks.annual_report_fee_unstated",
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
    "checks.platform_column_name",
    "checks.platform_separate_site",
    "checks.platform_search_missing",
    "checks.link_attachment_undownloadable",
    "checks.platform_domain_noncompliant",
    "checks.site_home_not_updated",
    "checks.site_unreachable",
    "checks.accessibility_entry_missing",
    "checks.accessibility_basic_failures",
    "checks.guide_contact_mismatch",
    "checks.guide_application_channels",
    "checks.disclosure_categories_missing",
    "checks.disclosure_local_categories_missing",
    "checks.disclosure_organization_fields_missing",
    "checks.message_unanswered",
    "checks.message_no_recent_reply",
    "checks.column_stale_veto",
    "checks.column_empty_veto",
    "checks.date_backdated",
    "checks.policy_published_late",
    "checks.normative_registration_missing",
    "checks.normative_procedure_missing",
    "checks.interpretation_link_missing",
    "checks.interpretation_issuer_mismatch",
    "checks.consultation_explanation_missing",
    "checks.decision_catalogue_missing",
    "checks.plan_missing",
    "checks.proposal_reply_missing",
    "checks.task_breakdown_missing",
    "checks.public_enterprise_column_missing",
    "checks.regulation_library_incomplete",
    "checks.text_typo",
    "checks.text_serious_error",
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
