"""The one error type the client raises, with the server's machine-readable code."""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """An HTTP error response, or (as ServerUnreachable) no usable response at all.

    `code` is the server's ErrorBody code ("not_found", "conflict", ...), "malformed_response"
    when a success body does not match the schema, or "http_error" when an error response has
    no ErrorBody (a proxy's HTML page, say).
    """

    def __init__(self, status: int, code: str, message: str, details: Any | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details

    @property
    def retryable(self) -> bool:
        """Worth sending again later, unchanged: the server failed, not the request."""
        return self.status == 0 or self.status >= 500 or self.status in (408, 429)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(status={self.status}, code={self.code!r}, {self.message!r})"

    def __str__(self) -> str:
        return f"{self.message} ({self.code}, HTTP {self.status})" if self.status else self.message


class ServerUnreachable(ApiError):
    """No response: connection refused or dropped, DNS failure, or a timeout."""

    def __init__(self, message: str, *, timeout: bool = False) -> None:
        super().__init__(0, "unreachable", message)
        self.timeout = timeout
