"""Print the HTML 通报 to PDF in Debian's Chromium through Playwright, for the archive.

The HTML is already laid out for print (A4, GB/T 9704 margins, landscape pages for the
wide tables), so printing is only "open the file, print it" with a page number in the
footer as 公文 carry it (— 1 —). One browser prints every file; a failure is returned as a
message, never raised, because the HTML reports are complete without the PDFs.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from crawler.evidence import CHROMIUM, CHROMIUM_ARGS

FOOTER = ('<div style="width:100%;text-align:center;font-size:10pt;'
          'font-family:\'Noto Serif CJK SC\',serif;">— <span class="pageNumber"></span> —</div>')


async def _print_all(pairs: list[tuple[Path, Path]], executable: str) -> list[Path]:
    from playwright.async_api import async_playwright

    done: list[Path] = []
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        try:
            page = await browser.new_page()
            for html, pdf in pairs:
                await page.goto(Path(html).resolve().as_uri(), wait_until="load")
                await page.emulate_media(media="print")
                await page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True,
                               display_header_footer=True, header_template="<span></span>",
                               footer_template=FOOTER)
                done.append(Path(pdf))
        finally:
            await browser.close()
    return done


def print_pdfs(pairs: list[tuple[Path, Path]], executable: str = CHROMIUM) -> tuple[list[Path], list[str]]:
    """Print each (html, pdf) pair; returns the PDFs written and the error messages."""
    try:
        return asyncio.run(_print_all(pairs, executable)), []
    except Exception as exc:
        first = (str(exc).splitlines() or [""])[0][:300]
        return [], [f"PDF 未生成 (pdf not written): {type(exc).__name__}: {first}"]
