"""Tables of suspicious-activity (AML) reports."""

from __future__ import annotations

from console.server.models import Base  # noqa: F401
