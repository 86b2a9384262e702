"""Retries with exponential backoff that honour ``Retry-After`` on 429/503."""

from __future__ import annotations

import asyncio
from email.utils import parsedate_to_datetime
from datetime import UTC, datetime

from scrapy.downloadermiddlewares.retry import RetryMiddleware


def retry_after_seconds(value: bytes | str | None) -> float | None:
    if not value:
        return None
    v = value.decode("latin-1") if isinstance(value, bytes) else value
    v = v.strip()
    if v.isdigit():
        return float(v)
    try:
        when = parsedate_to_datetime(v)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


class BackoffRetryMiddleware(RetryMiddleware):
    def __init__(self, settings):
        super().__init__(settings)
        self.backoff = settings.getfloat("RETRY_BACKOFF", 1.0)
        self.retry_after_max = settings.getfloat("RETRY_AFTER_MAX", 120.0)

    def _delay(self, request, response=None) -> float:
        tries = request.meta.get("retry_times", 0)
        delay = self.backoff * (2 ** tries)
        if response is not None and response.status in (429, 503):
            ra = retry_after_seconds(response.headers.get("Retry-After"))
            if ra is not None:
                delay = max(delay, min(ra, self.retry_after_max))
        return delay

    async def process_response(self, request, response, spider=None):
        if request.meta.get("dont_retry") or response.status not in self.retry_http_codes:
            return response
        new = self._retry(request, f"HTTP {response.status}")
        if new is None:
            return response
        await asyncio.sleep(self._delay(request, response))
        return new

    async def process_exception(self, request, exception, spider=None):
        if request.meta.get("dont_retry") or not isinstance(exception, self.exceptions_to_retry):
            return None
        new = self._retry(request, exception)
        if new is not None:
            await asyncio.sleep(self._delay(request))
        return new
