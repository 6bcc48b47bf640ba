"""Everything a page answer is turned into before the spider decides what to follow.

One pure function of the answer's bytes, so it can run in another process
(``crawler.offload``) while the crawling process downloads the next pages, or in the
spider itself. Its result is the same either way.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..store import body_hash, pack_body
from .datalists import DataRequest, data_requests, data_to_html
from .encoding import decode_html
from .page import ClassifyHints, PageInfo, inspect_html

BINARY_MAGIC = (b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"Rar!",
                b"7z\xbc\xaf", b"\x1f\x8b")
BODY_HEAD = 4000  # what the spider reads of an answer's text to tell a challenge page (``linkstatus``)


def looks_binary(body: bytes) -> bool:
    head = body[:2048]
    return b"\x00" in head or head.lstrip().startswith(BINARY_MAGIC)


@dataclass
class Analysis:
    text: str = ""                      # the decoded answer ("" when it is no HTML to read)
    encoding: str = ""
    binary: bool = False
    is_html: bool = False
    info: PageInfo | None = None        # None: nothing was read
    data: list[DataRequest] = field(default_factory=list)  # records a script list would fetch next
    render: str | None = None           # why the browser must render it ("" = it need not); None = not asked
    content_hash: str = ""              # set by ``analyse_for_store``: the body's digest ...
    packed: bytes | None = None         # ... and its compressed copy for the ``bodies`` table


def analyse(body: bytes, content_type: str, final_url: str, hints: ClassifyHints,
            owner: bool = False, stopped: str = "", render_patterns: tuple[str, ...] | None = None) -> Analysis:
    """``owner``: the answer of a data endpoint (list records), read as the list page it fills;
    ``stopped``: why the download was cut (a cut page is not read as HTML); ``render_patterns``:
    when the browser is on, also decide whether the page needs rendering (``crawler.render``)."""
    lowered = content_type.lower()
    out = Analysis(binary=bool(body) and looks_binary(body),
                   is_html=(not content_type or "html" in lowered or "xml" in lowered) and not stopped)
    if not body or out.binary or not (out.is_html or (owner and not stopped)):
        return out
    out.text, out.encoding = decode_html(body, content_type)
    if owner:
        listed, out.data = data_to_html(out.text, final_url)
        out.info = inspect_html(listed, final_url, hints)
    else:
        out.info = inspect_html(out.text, final_url, hints)
        out.data = data_requests(out.text, final_url)
        if render_patterns is not None:
            from ..render import render_reason

            out.render = render_reason(out.text, final_url, out.info.page_type, render_patterns) or ""
    return out


def analyse_for_store(body: bytes, content_type: str, final_url: str, hints: ClassifyHints,
                      owner: bool = False, stopped: str = "",
                      render_patterns: tuple[str, ...] | None = None) -> Analysis:
    """``analyse`` in an extraction worker, plus the body's digest and compressed copy that the
    crawling process would otherwise compute itself; of the decoded text only the head the
    spider still reads (``BODY_HEAD``) travels back."""
    out = analyse(body, content_type, final_url, hints, owner, stopped, render_patterns)
    out.text = out.text[:BODY_HEAD]
    out.content_hash = body_hash(body)
    out.packed = pack_body(body)
    return out
