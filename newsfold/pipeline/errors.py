"""Why a fetch failed, as one line a user can read on the feed's status.

The ingest task records `message` on the feed and chooses its back-off from the class, so
every refusal and failure of the fetcher is one of these and nothing else escapes it.

    FetchError                  .message
     ├── InvalidURL             not an http(s) URL we are willing to read
     ├── BlockedAddress         the host resolves to a private or reserved address (SSRF guard)
     ├── TooLarge               body (after decompression) above FetchPolicy.max_bytes
     ├── TooManyRedirects       more than FetchPolicy.max_redirects hops
     ├── HTTPStatusError        .status, .retry_after (seconds, from Retry-After)
     ├── RobotsDisallowed       robots.txt forbids this URL to our user agent
     ├── FetchTimeout           connect or read time-out
     ├── HostBusy               every connection slot of the host stayed taken too long
     └── ConnectFailed          name did not resolve, connection refused or reset, TLS failed
"""

from __future__ import annotations

__all__ = [
    "BlockedAddress",
    "ConnectFailed",
    "FetchError",
    "FetchTimeout",
    "HTTPStatusError",
    "HostBusy",
    "InvalidURL",
    "RobotsDisallowed",
    "TooLarge",
    "TooManyRedirects",
]


class FetchError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidURL(FetchError):
    pass


class BlockedAddress(FetchError):
    pass


class TooLarge(FetchError):
    pass


class TooManyRedirects(FetchError):
    pass


class HTTPStatusError(FetchError):
    def __init__(self, message: str, *, status: int, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


class RobotsDisallowed(FetchError):
    pass


class FetchTimeout(FetchError):
    pass


class ConnectFailed(FetchError):
    pass


class HostBusy(FetchError):
    pass
