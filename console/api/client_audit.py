"""Client methods of the audit area, mixed into SupportClient."""

from __future__ import annotations


class AuditMethods:
    pass
