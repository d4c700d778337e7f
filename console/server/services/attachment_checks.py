"""What an uploaded file may be: a clean name, an allowed extension, and content that matches it.

The extension alone decides nothing: a renamed executable still starts with "MZ", not with a
PNG signature, and is refused. The stored content type comes from this table, never from the
client's header, so a download can never be served as something the browser would run.
"""

from __future__ import annotations

import unicodedata
from urllib.parse import unquote

from console.api.schemas import ATTACHMENT_TYPES
from console.server.errors import ApiError

MAX_FILENAME_CHARS = 120
_TEXT_TYPES = frozenset({"text/plain", "text/csv"})


def unsupported(message: str) -> ApiError:
    return ApiError(415, "unsupported_type", message)


def bad_name(message: str) -> ApiError:
    return ApiError(
        422,
        "invalid_request",
        message,
        [{"loc": ["header", "x-filename"], "msg": message, "type": "value_error"}],
    )


def decode_header_name(raw: str | None) -> str:
    """X-Filename is percent-encoded UTF-8 (headers themselves are Latin-1 only)."""
    if raw is None or not raw.strip():
        raise bad_name("X-Filename is required.")
    try:
        return unquote(raw, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        raise bad_name("X-Filename must be percent-encoded UTF-8.") from None


def clean_filename(name: str) -> str:
    """The name as people see it, minus what could make it a path or disguise it: directory
    parts, control and bidi-format characters (U+202E turns "gnp.exe" around), leading dots,
    trailing dots and spaces. Long names are cut in the stem so the extension survives."""
    name = unicodedata.normalize("NFC", name)
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch) not in ("Cc", "Cf", "Zl", "Zp"))
    name = " ".join(name.split())
    name = name.lstrip(". ").rstrip(". ")
    if not name:
        raise bad_name("The file name is empty.")
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem:
        stem, ext = name, ""
    ext = ext[:10]
    if len(name) > MAX_FILENAME_CHARS:
        keep = MAX_FILENAME_CHARS - len(ext) - 1 if ext else MAX_FILENAME_CHARS
        name = f"{stem[:keep].rstrip('. ')}.{ext}" if ext else stem[:keep]
    return name


def content_type_for(filename: str) -> str:
    _, dot, ext = filename.rpartition(".")
    content_type = ATTACHMENT_TYPES.get(f".{ext.lower()}") if dot else None
    if content_type is None:
        allowed = ", ".join(sorted(ATTACHMENT_TYPES))
        raise unsupported(f"Files of this type cannot be attached (allowed: {allowed}).")
    return content_type


def _is_webp(data: bytes) -> bool:
    return data[:4] == b"RIFF" and data[8:12] == b"WEBP"


_SIGNATURES = {
    "image/png": lambda d: d.startswith(b"\x89PNG\r\n\x1a\n"),
    "image/jpeg": lambda d: d.startswith(b"\xff\xd8\xff"),
    "image/gif": lambda d: d[:6] in (b"GIF87a", b"GIF89a"),
    "image/webp": _is_webp,
    "application/pdf": lambda d: d.startswith(b"%PDF-"),
}


def check_content(content_type: str, data: bytes) -> None:
    """Raises 415 unless `data` really is `content_type`."""
    if content_type in _TEXT_TYPES:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise unsupported("A text file must be UTF-8.") from None
        if "\x00" in text:
            raise unsupported("A text file must not contain NUL characters.")
        return
    signature = _SIGNATURES.get(content_type)
    if signature is None or not signature(data):
        raise unsupported("The file content does not match its extension.")
