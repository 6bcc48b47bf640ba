"""Print the HTML 通报 to PDF in Debian's Chromium through Playwright, for the archive.

The HTML is already laid out for print (A4, GB/T 9704 margins, landscape pages for the
wide tables, a long 问题清单 shortened per problem type), so printing is only "open the file,
print it" with a page number in the footer as 公文 carry it (— 1 —). One browser prints
every file, a few pages at once (printing is CPU work in Chromium's own processes, about
half a second a file for the CJK fonts alone). A failure is returned as a message, never
raised, because the HTML reports are complete without the PDFs.
"""

from __future__ import annotations

import asyncio
import os
import threading
from pathlib import Path

from crawler.evidence import CHROMIUM, CHROMIUM_ARGS

FOOTER = ('<div style="width:100%;text-align:center;font-size:10pt;'
          'font-family:\'Noto Serif CJK SC\',serif;">— <span class="pageNumber"></span> —</div>')


def default_pages() -> int:
    """Browser pages printing at once: one per CPU this process may use, at least 1, at most 4."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    return max(1, min(4, cpus))


async def _print_all(pairs: list[tuple[Path, Path]], executable: str, pages: int) -> list[Path]:
    from playwright.async_api import async_playwright

    done: dict[int, Path] = {}
    queue = list(enumerate(pairs))
    queue.reverse()

    async def worker(browser) -> None:
        page = await browser.new_page()
        await page.emulate_media(media="print")
        while queue:
            index, (html, pdf) = queue.pop()
            await page.goto(Path(html).resolve().as_uri(), wait_until="load")
            await page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True,
                           display_header_footer=True, header_template="<span></span>",
                           footer_template=FOOTER)
            done[index] = Path(pdf)
        await page.close()

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        try:
            await asyncio.gather(*(worker(browser) for _ in range(max(1, min(pages, len(pairs))))))
        finally:
            await browser.close()
    return [done[i] for i in sorted(done)]


def print_pdfs(pairs: list[tuple[Path, Path]], executable: str = CHROMIUM,
               pages: int | None = None) -> tuple[list[Path], list[str]]:
    """Print each (html, pdf) pair; returns the PDFs written and the error messages."""
    if not pairs:
        return [], []
    try:
        return asyncio.run(_print_all(pairs, executable, pages or default_pages())), []
    except Exception as exc:
        first = (str(exc).splitlines() or [""])[0][:300]
        return [], [f"PDF 未生成 (pdf not written): {type(exc).__name__}: {first}"]


class BackgroundPrint:
    """:func:`print_pdfs` in a thread of its own, so that Chromium prints while Python writes
    the Word and Excel files; :meth:`result` waits for it. The files in ``remove`` (print
    copies of the HTML) are deleted when printing is over."""

    def __init__(self, pairs: list[tuple[Path, Path]], executable: str = CHROMIUM,
                 pages: int | None = None, remove: list[Path] = ()) -> None:
        self._result: tuple[list[Path], list[str]] = ([], [])
        self._remove = list(remove)
        self._thread = threading.Thread(target=self._run, args=(pairs, executable, pages),
                                        name="zwgk-pdf", daemon=True)
        self._thread.start()

    def _run(self, pairs: list[tuple[Path, Path]], executable: str, pages: int | None) -> None:
        try:
            self._result = print_pdfs(pairs, executable, pages)
        finally:
            for path in self._remove:  # the temporary print copies
                path.unlink(missing_ok=True)

    def result(self) -> tuple[list[Path], list[str]]:
        self._thread.join()
        return self._result
