"""Client methods of the identity area, mixed into SupportClient."""

from __future__ import annotations


class IdentityMethods:
    pass
