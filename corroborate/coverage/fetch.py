"""Fetching pages like a trustworthy crawler: polite, bounded, and impossible to turn against this machine.

Limits (all in ``FetchConfig``, defaults in one place): a total deadline per request on top of httpx's phase
timeouts; a cap on decoded bytes counted while streaming (Content-Length is never trusted, so compression bombs
stop at the cap); redirects followed by hand, each hop re-checked, at most ``max_redirects``; a global and a
per-host concurrency limit and a minimum delay between requests to one host; retries with backoff and jitter
for idempotent GETs on connect errors, 408, 429 and 5xx, honouring Retry-After; robots.txt obeyed.

SSRF: every host is resolved and refused if any address is loopback, private, link-local, multicast, reserved or
a cloud metadata address (IPv4-mapped IPv6 forms included) unless the outlet sets ``allow_private``; metadata
addresses are refused always. The connection goes to the validated address (the Host header and TLS server
name keep the original name), so DNS rebinding cannot switch it. Proxy environment variables are ignored.

Every outcome is recorded on the returned ``Page``: ``ok`` with the body, or ``error`` with a typed reason:
``invalid_url``, ``blocked_scheme``, ``blocked_address``, ``dns_error``, ``robots_disallowed``, ``timeout``,
``connect_error``, ``tls_error``, ``http_status``, ``too_large``, ``too_many_redirects``, ``bad_encoding``,
``http_error``, ``not_found_locally``, ``read_error``; or ``skipped`` with ``offline``.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import random
import socket
import ssl
import time
import urllib.robotparser
from collections import defaultdict
from collections.abc import Callable, Iterable
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from ..config import FetchConfig
from ..exceptions import FetchError
from ..models import Candidate, Page
from .cache import Cache, CachedPage

__all__ = ["METADATA_ADDRESSES", "RETRY_STATUSES", "Fetcher", "fetch_all", "resolve_checked"]

logger = logging.getLogger(__name__)

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
#: cloud metadata endpoints, refused even for outlets that allow private addresses
METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a)
    for a in ("169.254.169.254", "169.254.170.2", "100.100.100.200", "192.0.0.192", "fd00:ec2::254")
)
ROBOTS_MAX_BYTES = 500_000


def _plain(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return ip.ipv4_mapped
        if ip.sixtofour is not None:
            return ip.sixtofour
    return ip


def _is_private(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    ip = _plain(ip)
    return (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


#: the longest URL fetched; longer ones (often a whole page pasted into a link) are ``invalid_url``
MAX_URL_LENGTH = 4096


def url_problem(url: object) -> str | None:
    """Why ``url`` cannot even be parsed as a web address (``invalid_url``), or ``None``: over-long, control
    characters, a broken host ("http://[::1") or port, no host. Schemes are judged at fetch time
    (``blocked_scheme``)."""
    if not isinstance(url, str) or not url.strip() or len(url) > MAX_URL_LENGTH:
        return "invalid_url"
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in url):
        return "invalid_url"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port out of range or not a number
    except ValueError:
        return "invalid_url"
    if parts.scheme in ("http", "https") and not parts.hostname:
        return "invalid_url"
    return None


async def resolve_checked(url: str, *, allow_private: bool) -> str:
    """The address to connect to for ``url``, after refusing bad schemes and forbidden addresses."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError("blocked_scheme", f"only http(s) can be fetched, not {parts.scheme or 'no'} scheme in {url!r}")
    if not parts.hostname:
        raise FetchError("invalid_url", f"no host in {url!r}")
    host = parts.hostname.rstrip(".")
    try:
        addresses = [ipaddress.ip_address(host)]
    except ValueError:
        try:
            infos = await asyncio.get_running_loop().getaddrinfo(
                host, parts.port or (443 if parts.scheme == "https" else 80), type=socket.SOCK_STREAM
            )
        except (socket.gaierror, UnicodeError) as exc:
            raise FetchError("dns_error", f"cannot resolve {host}: {exc}") from exc
        addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
    if not addresses:
        raise FetchError("dns_error", f"{host} has no address")
    for address in addresses:
        if _plain(address) in METADATA_ADDRESSES or address in METADATA_ADDRESSES:
            raise FetchError("blocked_address", f"{host} resolves to {address}, a cloud metadata address")
        if not allow_private and _is_private(address):
            raise FetchError(
                "blocked_address",
                f"{host} resolves to {address}, a private or local address; "
                "set allow_private = true on the outlet to fetch it",
            )
    return str(addresses[0])


def _retry_after(value: str | None, cap: float) -> float | None:
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            seconds = parsedate_to_datetime(value).timestamp() - time.time()
        except (TypeError, ValueError):
            return None
    return max(0.0, min(seconds, cap))


def _from_cache(candidate: Candidate, cached: CachedPage, http_status: int | None = None) -> Page:
    """The cached copy of a page, as a fetched page (304 when the server confirmed it)."""
    return Page(
        candidate,
        "ok",
        body=cached.body,
        final_url=cached.final_url,
        content_type=cached.content_type,
        http_status=http_status,
        from_cache=True,
    )


class Fetcher:
    """Fetches candidates with shared limits; use as an async context manager."""

    def __init__(self, config: FetchConfig, cache: Cache | None = None, *, offline: bool = False) -> None:
        self.config = config
        self.cache = cache or Cache(None)
        self.offline = offline
        self._global = asyncio.Semaphore(max(1, config.concurrency))
        self._hosts: dict[str, asyncio.Semaphore] = defaultdict(lambda: asyncio.Semaphore(max(1, config.per_host)))
        self._next_slot: dict[str, float] = defaultdict(float)
        self._robots: dict[str, asyncio.Future] = {}
        self._client: httpx.AsyncClient | None = None

    async def __aenter__(self) -> Fetcher:
        timeout = httpx.Timeout(self.config.timeout, connect=self.config.connect_timeout)
        self._client = httpx.AsyncClient(
            timeout=timeout,
            follow_redirects=False,
            trust_env=False,
            verify=True,
            proxy=self.config.proxy or None,
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
            logger.info("%s: %s", candidate.url, exc)
            return Page(
                candidate,
                "error",
                reason=exc.reason,
                final_url=candidate.url,
                content_type=exc.detail,
                http_status=exc.status,
            )
        except (ValueError, UnicodeError, httpx.InvalidURL) as exc:
            # a URL, or a redirect's Location, that cannot be parsed: this source fails, the run goes on
            logger.info("%s: invalid URL: %s", candidate.url, exc)
            return Page(candidate, "error", reason="invalid_url", final_url=candidate.url, content_type=str(exc))

    def _read_local(self, candidate: Candidate) -> Page:
        path = Path(candidate.path or "")
        if candidate.offset is not None:
            return self._read_warc(candidate, path)
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

    def _read_warc(self, candidate: Candidate, path: Path) -> Page:
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed

        try:
            with path.open("rb") as handle:
                handle.seek(candidate.offset or 0)
                record = next(iter(ArchiveIterator(handle)))
                stream = record.content_stream()
                body = stream.read(self.config.max_bytes + 1)
        except (OSError, StopIteration, ArchiveLoadFailed, ValueError) as exc:
            raise FetchError("read_error", f"cannot read the WARC record at {path}:{candidate.offset}: {exc}") from exc
        if len(body) > self.config.max_bytes:
            raise FetchError("too_large", f"WARC record over max_bytes={self.config.max_bytes}")
        return Page(candidate, "ok", body=body, final_url=candidate.url, content_type="text/html")

    async def _fetch_remote(self, candidate: Candidate) -> Page:
        cached = self.cache.get_page(candidate.url)
        # listings (feeds, sitemaps, searches) always revalidate; an article page fetched moments ago is reused
        if cached is not None and not candidate.listing and time.time() - cached.fetched_at < self.config.fresh_for:
            return _from_cache(candidate, cached)
        if self.offline:
            if cached is not None:
                return _from_cache(candidate, cached)
            return Page(candidate, "skipped", reason="offline", final_url=candidate.url)
        url = candidate.url
        for _hop in range(self.config.max_redirects + 1):
            address = await resolve_checked(url, allow_private=candidate.allow_private)
            if self.config.robots and not await self._robots_allow(url, address, candidate.allow_private):
                raise FetchError("robots_disallowed", f"robots.txt of {urlsplit(url).hostname} disallows {url}")
            response = await self._request(url, address, cached if url == candidate.url else None)
            if isinstance(response, str):  # a redirect target
                url = response
                continue
            status, headers, body, final = response
            if status == 304 and cached is not None:
                return _from_cache(candidate, cached, http_status=304)
            page = Page(
                candidate,
                "ok",
                body=body,
                final_url=final,
                content_type=headers.get("content-type"),
                http_status=status,
            )
            self.cache.put_page(
                CachedPage(
                    candidate.url, body, headers.get("etag"), headers.get("last-modified"), page.content_type, final
                )
            )
            return page
        raise FetchError("too_many_redirects", f"more than {self.config.max_redirects} redirects from {candidate.url}")

    async def _request(self, url: str, address: str, cached: CachedPage | None):
        """One GET with retries; a redirect returns its target URL, anything else (status, headers, body, url)."""
        headers = {}
        if cached is not None:
            if cached.etag:
                headers["If-None-Match"] = cached.etag
            if cached.last_modified:
                headers["If-Modified-Since"] = cached.last_modified
        attempt = 0
        while True:
            try:
                result = await self._attempt(url, address, headers)
            except FetchError as exc:
                if exc.reason != "connect_error" or attempt >= self.config.retries:
                    raise
                delay = None
            else:
                status = result[0] if isinstance(result, tuple) else 0
                if status not in RETRY_STATUSES:
                    return result
                if attempt >= self.config.retries:
                    raise FetchError(
                        "http_status", f"HTTP {status} from {url} after {attempt + 1} attempts", status=status
                    )
                delay = _retry_after(result[1].get("retry-after"), self.config.max_retry_after)
            if delay is None:
                delay = self.config.backoff * (2**attempt) * (0.5 + random.random())
            attempt += 1
            await asyncio.sleep(delay)

    async def _attempt(self, url: str, address: str, headers: dict[str, str]):
        assert self._client is not None, "use Fetcher as an async context manager"
        parts = urlsplit(url)
        host = parts.hostname or ""
        async with self._global, self._hosts[host]:
            await self._wait_turn(host)
            pinned = httpx.URL(url).copy_with(host=address)
            request_headers = {**headers, "Host": parts.netloc.rpartition("@")[2]}
            try:
                async with asyncio.timeout(self.config.timeout):
                    async with self._client.stream(
                        "GET", pinned, headers=request_headers, extensions={"sni_hostname": host}
                    ) as response:
                        if response.status_code in _REDIRECTS:
                            location = response.headers.get("location")
                            if not location:
                                raise FetchError("http_status", f"redirect {response.status_code} without Location")
                            try:
                                target = str(httpx.URL(url).join(location))  # the body is never read
                            except (httpx.InvalidURL, ValueError, UnicodeError) as exc:
                                raise FetchError("invalid_url", f"redirect to {location[:200]!r}: {exc}") from exc
                            if url_problem(target) or (url_problem(location) and "://" in location):
                                raise FetchError("invalid_url", f"redirect to an unparsable URL {location[:200]!r}")
                            return target
                        if response.status_code in RETRY_STATUSES or response.status_code == 304:
                            return response.status_code, response.headers, b"", url
                        if response.status_code >= 400:
                            raise FetchError(
                                "http_status", f"HTTP {response.status_code} from {url}", status=response.status_code
                            )
                        body = await self._read_capped(response)
                        return response.status_code, response.headers, body, url
            except TimeoutError as exc:
                raise FetchError("timeout", f"no complete answer from {url} within {self.config.timeout}s") from exc
            except httpx.TimeoutException as exc:
                raise FetchError("timeout", f"{type(exc).__name__} for {url}") from exc
            except httpx.ConnectError as exc:
                if _is_tls_error(exc):
                    raise FetchError("tls_error", f"TLS verification failed for {url}: {exc}") from exc
                raise FetchError("connect_error", f"cannot connect to {url}: {exc}") from exc
            except httpx.DecodingError as exc:
                raise FetchError("bad_encoding", f"cannot decode the body of {url}: {exc}") from exc
            except httpx.HTTPError as exc:
                raise FetchError("http_error", f"{type(exc).__name__} for {url}: {exc}") from exc

    async def _wait_turn(self, host: str) -> None:
        """Keep at least ``host_delay`` seconds between the starts of two requests to one host."""
        now = time.monotonic()
        start = max(now, self._next_slot[host])
        self._next_slot[host] = start + self.config.host_delay
        if start > now:
            await asyncio.sleep(start - now)

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

    async def _robots_allow(self, url: str, address: str, allow_private: bool) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            self._robots[origin] = asyncio.ensure_future(self._load_robots(origin, address))
        parser = await self._robots[origin]
        return parser.can_fetch(self.config.user_agent, url)

    async def _load_robots(self, origin: str, address: str) -> urllib.robotparser.RobotFileParser:
        """robots.txt: 4xx means everything is allowed; 5xx or no answer means nothing is; a certificate
        error is raised as ``tls_error`` for every page of the host."""
        parser = urllib.robotparser.RobotFileParser()
        try:
            result = await self._attempt(f"{origin}/robots.txt", address, {})
        except FetchError as exc:
            if exc.reason == "tls_error":
                raise  # the host's certificate is the problem; say so rather than blaming robots.txt
            if exc.status is not None and 400 <= exc.status < 500:
                parser.parse([])
            else:
                parser.disallow_all = True
            return parser
        if isinstance(result, str):  # robots.txt redirected: treat like a missing file
            parser.parse([])
            return parser
        status, _headers, body, _ = result
        if status >= 500 or status in RETRY_STATUSES:
            parser.disallow_all = True
        else:
            parser.parse(body[:ROBOTS_MAX_BYTES].decode("utf-8", "replace").splitlines())
        return parser


def _is_tls_error(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLError) or "CERTIFICATE" in str(seen).upper():
            return True
        seen = seen.__cause__ or seen.__context__
    return False


async def fetch_all(
    fetcher: Fetcher, candidates: Iterable[Candidate], progress: Callable[[], None] | None = None
) -> list[Page]:
    """Fetch candidates concurrently (within the fetcher's limits), keeping their order."""

    async def one(candidate: Candidate) -> Page:
        page = await fetcher.fetch(candidate)
        if progress is not None:
            progress()
        return page

    return list(await asyncio.gather(*(one(c) for c in candidates)))
