"""The unguessable tokens of the public's objection pages: the private link and the draft's address.

A token is ``secrets.token_urlsafe(32)`` (256 bits); only its SHA-256 is
stored, so the database alone opens no objector's page. The token travels in
the page's address and in the objector's email, never anywhere else.
"""

from __future__ import annotations

import hashlib
import re
import secrets

# What ``token_urlsafe(32)`` produces: 43 characters of the URL-safe alphabet.
_SHAPE = re.compile(r"[A-Za-z0-9_-]{43}")


def new_token() -> str:
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    """The stored form of ``token``; a malformed token hashes to nothing that is stored (an empty string)."""
    if not _SHAPE.fullmatch(token):
        return ""
    return hashlib.sha256(token.encode("ascii")).hexdigest()
