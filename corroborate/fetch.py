"""Fetching pages politely and within limits: httpx, a total deadline, a body cap, global and per-host limits.

Every outcome is recorded on the returned ``Page``: ``ok`` with the body, or ``error`` with a typed reason
(``timeout``, ``http_status``, ``too_large``, ``connect_error``, ``tls_error``, ``blocked_address``,
``invalid_url``, ``not_found_locally``, ``offline``). One failing source never stops the run.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import socket
import ssl
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from .cache import Cache, CachedPage
from .config import FetchConfig
from .exceptions import FetchError
from .models import Candidate, Page

__all__ = ["Fetcher", "check_address", "fetch_all"]

logger = logging.getLogger(__name__)

_REDIRECTS = frozenset({301, 302, 303, 307, 308})


def _is_blocked_ip(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast or ip.is_reserved
            or ip.is_unspecified or str(ip) in ("169.254.169.254", "100.100.100.200", "fd00:ec2::254"))


async def check_address(url: str, *, allow_private: bool) -> None:
    """Refuse non-http(s) URLs and, unless allowed, hosts resolving to loopback, private or metadata addresses."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError("invalid_url", f"only http(s) URLs with a host can be fetched, not {url!r}")
    if allow_private:
        return
    host = parts.hostname.rstrip(".")
    try:
        addresses = [ipaddress.ip_address(host)]
    except ValueError:
        loop = asyncio.get_running_loop()
        try:
            infos = await loop.getaddrinfo(host, parts.port or (443 if parts.scheme == "https" else 80),
                                           type=socket.SOCK_STREAM)
        except socket.gaierror as exc:
            raise FetchError("dns_error", f"cannot resolve {host}: {exc.strerror}") from exc
        addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
    for address in addresses:
        if _is_blocked_ip(address):
            raise FetchError("blocked_address",
                             f"{host} resolves to {address}, a private or local address; set allow_private = true "
                             "on the outlet to fetch it")


class Fetcher:
    """Fetches candidates with shared limits; use as an async context manager."""

    def __init__(self, config: FetchConfig, cache: Cache | None = None, *, offline: bool = False) -> None:
        self.config = config
        self.cache = cache or Cache(None)
        self.offline = offline
        self._global = asyncio.Semaphore(max(1, config.concurrency))
        self._hosts: dict[str, asyncio.Semaphore] = defaultdict(lambda: asyncio.Semaphore(max(1, config.per_host)))
        self._client: httpx.AsyncClient | None = None

    async def __aenter__(self) -> Fetcher:
        timeout = httpx.Timeout(self.config.timeout, connect=self.config.connect_timeout)
        self._client = httpx.AsyncClient(
            timeout=timeout, follow_redirects=False, trust_env=False,
            headers={"User-Agent": self.config.user_agent, "Accept-Encoding": "gzip, deflate"},
        )
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        if self._client is not None:
            await self._client.aclose()

    async def fetch(self, candidate: Candidate) -> Page:
        """Fetch one candidate; never raises for a source problem, returns a Page with status and reason."""
        try:
            if candidate.path:
                return self._read_local(candidate)
            return await self._fetch_remote(candidate)
        except FetchError as exc:
            return Page(candidate, "error", reason=exc.reason, final_url=candidate.url, content_type=exc.detail)

    def _read_local(self, candidate: Candidate) -> Page:
        path = Path(candidate.path or "")
        try:
            size = path.stat().st_size
            if size > self.config.max_bytes:
                raise FetchError("too_large", f"{path} is {size} bytes, over max_bytes={self.config.max_bytes}")
            body = path.read_bytes()
        except FileNotFoundError as exc:
            raise FetchError("not_found_locally", f"{path} does not exist") from exc
        except OSError as exc:
            raise FetchError("read_error", f"cannot read {path}: {exc.strerror}") from exc
        return Page(candidate, "ok", body=body, final_url=candidate.url, content_type="text/html")

    async def _fetch_remote(self, candidate: Candidate) -> Page:
        cached = self.cache.get_page(candidate.url)
        if self.offline:
            if cached is not None:
                return Page(candidate, "ok", body=cached.body, final_url=cached.final_url,
                            content_type=cached.content_type, from_cache=True)
            return Page(candidate, "skipped", reason="offline", final_url=candidate.url)
        host = urlsplit(candidate.url).hostname or ""
        async with self._global, self._hosts[host]:
            try:
                async with asyncio.timeout(self.config.timeout):
                    return await self._get(candidate, cached)
            except TimeoutError as exc:
                raise FetchError("timeout", f"no complete answer within {self.config.timeout}s") from exc

    async def _get(self, candidate: Candidate, cached: CachedPage | None) -> Page:
        assert self._client is not None, "use Fetcher as an async context manager"
        url = candidate.url
        headers = {}
        if cached is not None:
            if cached.etag:
                headers["If-None-Match"] = cached.etag
            if cached.last_modified:
                headers["If-Modified-Since"] = cached.last_modified
        for _hop in range(self.config.max_redirects + 1):
            await check_address(url, allow_private=candidate.allow_private)
            try:
                async with self._client.stream("GET", url, headers=headers) as response:
                    if response.status_code == 304 and cached is not None:
                        return Page(candidate, "ok", body=cached.body, final_url=cached.final_url,
                                    content_type=cached.content_type, http_status=304, from_cache=True)
                    if response.status_code in _REDIRECTS:
                        location = response.headers.get("location")
                        if not location:
                            raise FetchError("http_status", f"redirect {response.status_code} without Location")
                        url = str(response.url.join(location))
                        continue
                    if response.status_code >= 400:
                        raise FetchError("http_status", f"HTTP {response.status_code} from {url}")
                    body = await self._read_capped(response)
                    page = Page(candidate, "ok", body=body, final_url=str(response.url),
                                content_type=response.headers.get("content-type"),
                                http_status=response.status_code)
                    self.cache.put_page(CachedPage(candidate.url, body, response.headers.get("etag"),
                                                   response.headers.get("last-modified"), page.content_type,
                                                   page.final_url))
                    return page
            except httpx.TimeoutException as exc:
                raise FetchError("timeout", f"{type(exc).__name__} for {url}") from exc
            except httpx.ConnectError as exc:
                if isinstance(exc.__cause__, ssl.SSLError) or "CERTIFICATE" in str(exc).upper():
                    raise FetchError("tls_error", f"TLS failure for {url}: {exc}") from exc
                raise FetchError("connect_error", f"cannot connect to {url}: {exc}") from exc
            except httpx.DecodingError as exc:
                raise FetchError("bad_encoding", f"cannot decode body of {url}: {exc}") from exc
            except httpx.HTTPError as exc:
                raise FetchError("http_error", f"{type(exc).__name__} for {url}: {exc}") from exc
        raise FetchError("too_many_redirects", f"more than {self.config.max_redirects} redirects from {candidate.url}")

    async def _read_capped(self, response: httpx.Response) -> bytes:
        # Never trust Content-Length: count decoded bytes as they stream in.
        chunks: list[bytes] = []
        total = 0
        async for chunk in response.aiter_bytes():
            total += len(chunk)
            if total > self.config.max_bytes:
                raise FetchError("too_large", f"body exceeds max_bytes={self.config.max_bytes}")
            chunks.append(chunk)
        return b"".join(chunks)


async def fetch_all(fetcher: Fetcher, candidates: Iterable[Candidate], progress=None) -> list[Page]:
    """Fetch candidates concurrently (within the fetcher's limits), keeping their order."""

    async def one(candidate: Candidate) -> Page:
        page = await fetcher.fetch(candidate)
        if progress is not None:
            progress()
        return page

    return list(await asyncio.gather(*(one(c) for c in candidates)))
