"""Shared by the 留言 rules: which pages are citizen messages and what they show."""

from __future__ import annotations

import re
from typing import Iterator

from .text import extras, iso, nospace

MAIN = ("message_date", "reply_date", "reply_unit", "reply_content")
MESSAGE_WORDS = re.compile(r"留言|信箱|咨询|来信|问政|诉求|网民|群众来信|互动")
PENDING = re.compile(r"待回复|待答复|未回复|未答复|暂未答复|暂未回复|办理中|处理中|正在办理")


def message_pages(records) -> Iterator[dict]:
    """The documents that may be messages (their extras hold 留言 fields), with ``extras``."""
    return records.iter_documents(columns=("extras",), contains={"extras": '"message"'})


def message_fields(doc: dict) -> dict[str, str] | None:
    """The 留言 fields of a message page, or None when the page is not one."""
    fields = extras(doc).get("message")
    if not fields:
        return None
    present = [k for k in MAIN if k in fields]
    context = nospace(f"{doc.get('title')} {doc.get('column_path')}")
    if len(present) >= 2 or (present and MESSAGE_WORDS.search(context)):
        return fields
    return None


def answered(fields: dict[str, str]) -> bool:
    """A reply is shown: a reply date, or reply text that is not a 待回复 placeholder."""
    if iso(fields.get("reply_date")):
        return True
    reply = nospace(fields.get("reply_content"))
    return bool(reply) and not PENDING.search(reply)


def dates(fields: dict[str, str]):
    return iso(fields.get("message_date")), iso(fields.get("reply_date"))
