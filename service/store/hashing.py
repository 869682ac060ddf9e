"""Keyed hashes (HMAC-SHA256): the sender in the store and the scan cache's keys."""

import hashlib
import hmac
import os
import secrets
from pathlib import Path

from service.settings import Settings

KEY_FILE = "hash.key"


def load_hash_key(settings: Settings) -> bytes:
    """The key from settings, else one made once and kept in data_dir (readable by the owner only)."""
    if settings.hash_key is not None:
        value = settings.hash_key.get_secret_value().encode()
        if len(value) < 16:
            raise ValueError("SENDGUARD_HASH_KEY must be at least 16 characters")
        return value
    path = Path(settings.data_dir) / KEY_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_bytes().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(secrets.token_hex(32))
    return path.read_bytes().strip()


def keyed_hash(key: bytes, value: str | bytes) -> str:
    data = value.encode() if isinstance(value, str) else value
    return hmac.new(key, data, hashlib.sha256).hexdigest()
