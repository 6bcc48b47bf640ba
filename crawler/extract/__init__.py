"""Extraction: from stored HTML to page types and contract fields (collection, not judgement)."""

from .encoding import decode_html
from .page import ClassifyHints, PageInfo, inspect_html

__all__ = ["decode_html", "inspect_html", "ClassifyHints", "PageInfo"]
