"""The pseudonymous child key: HMAC-SHA256 of (la_code, council's child id) under a secret key.

Its first 128 bits are stored as DuckDB's UUID type (shown as 8-4-4-4-12 hex): a fixed 16 bytes
is much cheaper to store, join and group by than the same bits as 32 characters of text
(bench/history.md has the figures).

The raw layer keeps the council's own id (so a quarantined row can be traced back
to the case-management system); staging and everything after it carry only
`child_key`. The key comes from configuration and is never committed:

1. `CSC_PSEUDONYM_KEY` (the key itself), else
2. the file named by `CSC_PSEUDONYM_KEY_FILE`, else
3. `.secrets/pseudonym.key` (git-ignored), created with a random key on first use
   so `make demo` needs no manual step.

The same key gives the same child_key in every build; a new key re-keys every child.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import uuid
from pathlib import Path

from csc_scorecard.settings import SettingsError, deployment_dir

KEY_ENV = "CSC_PSEUDONYM_KEY"
KEY_FILE_ENV = "CSC_PSEUDONYM_KEY_FILE"
DEFAULT_KEY_FILE = deployment_dir() / ".secrets" / "pseudonym.key"
MIN_KEY_LENGTH = 16
KEY_HEX_CHARS = 32  # 128 bits of the HMAC: no collisions at any council's scale


def pseudonym_key(environ: dict[str, str] | None = None) -> bytes:
    environ = os.environ if environ is None else environ
    if environ.get(KEY_ENV):
        key = environ[KEY_ENV]
        source = KEY_ENV
    else:
        path = Path(environ.get(KEY_FILE_ENV) or DEFAULT_KEY_FILE)
        if not path.exists():
            _create_key_file(path)
        key = path.read_text().strip()
        source = str(path)
    if len(key) < MIN_KEY_LENGTH:
        raise SettingsError(f"{source}: the pseudonym key must be at least {MIN_KEY_LENGTH} characters")
    return key.encode()


def _create_key_file(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        # O_EXCL: two processes starting at once must not each write a different key.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    with os.fdopen(fd, "w") as f:
        f.write(secrets.token_hex(32) + "\n")


def child_key(key: bytes, la_code: str, child_id: str) -> uuid.UUID:
    """The key as Python computes it; the SQL macro must agree (tested)."""
    return uuid.UUID(hmac.new(key, f"{la_code}:{child_id}".encode(), hashlib.sha256).hexdigest()[:KEY_HEX_CHARS])


def child_key_macro_sql(key: bytes) -> str:
    """A connection-local (temp) macro `child_key(la_code, child_id)` computing HMAC-SHA256.

    HMAC is built from DuckDB's sha256 over blobs with the padded inner and outer keys
    precomputed here (RFC 2104). A temp macro is not stored in the warehouse file,
    so analysts who open the file do not get the key with it.
    """
    block = 64
    if len(key) > block:
        key = hashlib.sha256(key).digest()
    key = key.ljust(block, b"\0")
    inner = bytes(b ^ 0x36 for b in key).hex()
    outer = bytes(b ^ 0x5C for b in key).hex()
    return f"""
        create or replace temp macro child_key(la_code, child_id) as
            case when child_id is not null then left(sha256(
                unhex('{outer}') || unhex(sha256(unhex('{inner}') || encode(la_code || ':' || child_id)))
            ), {KEY_HEX_CHARS})::uuid end
    """


def define_child_key(con, environ: dict[str, str] | None = None) -> None:
    con.execute(child_key_macro_sql(pseudonym_key(environ)))
