"""Retries with exponential backoff.

Scrapy's retry middleware re-schedules a failed request at once; a server that answered
503 because it was busy is then asked again while still busy. Here the n-th retry waits
``[crawl] retry_backoff_seconds`` × 2^(n-1) (at most ``MAX_DELAY``) before it is sent.
"""

from __future__ import annotations

import asyncio

from scrapy.downloadermiddlewares.retry import RetryMiddleware

MAX_DELAY = 30.0


class BackoffRetryMiddleware(RetryMiddleware):
    def __init__(self, settings) -> None:
        super().__init__(settings)
        self.base_delay = settings.getfloat("ZWGK_RETRY_BACKOFF", 0.5)

    def _retry(self, request, reason, spider=None):
        retry = super()._retry(request, reason, spider)
        if retry is not None and self.base_delay > 0:
            attempt = retry.meta.get("retry_times", 1)
            retry.meta["zwgk_backoff"] = min(self.base_delay * 2 ** (attempt - 1), MAX_DELAY)
        return retry

    def process_request(self, request, spider=None):
        """None at once, or a coroutine that sleeps first: Scrapy turns a returned coroutine
        into a Deferred, and an ``async def`` would cost that on every request."""
        delay = request.meta.pop("zwgk_backoff", 0)
        return _sleep(delay) if delay else None


async def _sleep(delay: float) -> None:
    await asyncio.sleep(delay)
