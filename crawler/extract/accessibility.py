"""Basic accessibility facts of a page that need no browser (a WCAG proxy for GB/T 37668).

``<html lang>`` declared or not, the ``<title>`` element missing or empty, images without an
``alt`` attribute (``alt=""`` marks a decorative image and is fine, as are images hidden from
assistive technology and 1-pixel trackers), and form fields without an accessible name: no
``<label for>``, no wrapping ``<label>``, no ``aria-label``/``aria-labelledby``, ``title`` or
``placeholder`` (axe-core accepts a placeholder as a name too). Hidden fields and buttons are not
counted. Stored only when something is missing (``extras["a11y_basic"]``), so a clean page costs
nothing; whether it is a problem is for the check ``accessibility.basic-failures``.
"""

from __future__ import annotations

from typing import Any

NO_NAME_NEEDED = {"hidden", "submit", "button", "reset", "image"}
MAX_EXAMPLES = 5


def _hidden(el) -> bool:
    return (el.get("aria-hidden") or "").lower() == "true" or (el.get("role") or "").lower() in ("presentation", "none")


def _tracker(el) -> bool:
    return (el.get("width") or "").strip() in ("0", "1") and (el.get("height") or "").strip() in ("0", "1")


def _named(el, labelled: set[str]) -> bool:
    if any((el.get(a) or "").strip() for a in ("aria-label", "aria-labelledby", "title", "placeholder")):
        return True
    if el.get("id") and el.get("id") in labelled:
        return True
    return any(a.tag == "label" for a in el.iterancestors())


def collect(root) -> dict[str, Any]:
    facts: dict[str, Any] = {}
    html = root if root.tag == "html" else root.getroottree().getroot()
    if not (html.get("lang") or html.get("{http://www.w3.org/XML/1998/namespace}lang") or "").strip():
        facts["lang_missing"] = True
    titles = root.findall(".//title")
    if not titles or not any((t.text_content() or "").strip() for t in titles):
        facts["title_missing"] = True
    images = [el for el in root.iter("img") if not _hidden(el) and not _tracker(el)]
    bare = [el for el in images if el.get("alt") is None]
    if bare:
        facts.update(images=len(images), images_no_alt=len(bare),
                     images_examples=[(el.get("src") or "")[:200] for el in bare[:MAX_EXAMPLES]])
    labelled = {el.get("for") for el in root.iter("label") if el.get("for")}
    fields = [el for el in root.iter("input", "select", "textarea")
              if not (el.tag == "input" and (el.get("type") or "text").lower() in NO_NAME_NEEDED)]
    unnamed = [el for el in fields if not _named(el, labelled)]
    if unnamed:
        facts.update(fields=len(fields), fields_unlabelled=len(unnamed),
                     fields_examples=[el.get("name") or el.get("id") or el.tag for el in unnamed[:MAX_EXAMPLES]])
    return {"a11y_basic": facts} if facts else {}
