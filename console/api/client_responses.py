"""Turning httpx responses into typed results or ApiError, shared by the client's modules."""

from __future__ import annotations

import logging
from typing import TypeVar

import httpx
from pydantic import BaseModel, TypeAdapter, ValidationError

from console.api.errors import ApiError
from console.api.schemas import ErrorBody

log = logging.getLogger("console.api.client")

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")


def parse(response: httpx.Response, model: type[M]) -> M:
    try:
        return model.model_validate_json(response.content)
    except ValidationError as exc:
        raise malformed(response, exc) from exc


def parse_list(response: httpx.Response, adapter: TypeAdapter[T]) -> T:
    try:
        return adapter.validate_json(response.content)
    except ValidationError as exc:
        raise malformed(response, exc) from exc


def error_from(response: httpx.Response) -> ApiError:
    status = response.status_code
    try:
        error = ErrorBody.model_validate_json(response.content).error
    except ValidationError:
        return ApiError(status, "http_error", f"HTTP {status} {response.reason_phrase}".strip())
    return ApiError(status, error.code, error.message, error.details)


def malformed(response: httpx.Response, exc: Exception) -> ApiError:
    path = response.request.url.path
    log.warning("malformed response from %s: %s", path, exc)
    return ApiError(response.status_code, "malformed_response", f"unexpected response from {path}")
