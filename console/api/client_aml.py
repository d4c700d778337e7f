"""Client methods of the aml area, mixed into SupportClient."""

from __future__ import annotations


class AmlMethods:
    pass
