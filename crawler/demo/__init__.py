"""A bundled demo portal (fictional 青岚区人民政府) with seeded defects and their ground truth.

Used by ``zwgk demo`` and by the end-to-end tests: the auditor must report exactly
``DemoPortal.expected_findings()`` for it.
"""

from .portal import DemoPortal

__all__ = ["DemoPortal"]
