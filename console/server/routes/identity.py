"""Routes of the identity area."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
