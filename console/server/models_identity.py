"""Tables of identity verification and account actions (freeze, 2FA reset, ...)."""

from __future__ import annotations

from console.server.models import Base  # noqa: F401
