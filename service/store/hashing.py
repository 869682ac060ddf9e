"""Keyed hashes (HMAC-SHA256): the sender in the store and the scan cache's keys."""

import hashlib
import hmac
import os
import secrets
import stat
import tempfile
from pathlib import Path

from service.settings import Settings

KEY_FILE = "hash.key"
MIN_KEY_CHARS = 16


class HashKeyError(ValueError):
    """The hash key is missing, too short or unreadable; the message names the file or setting."""


def load_hash_key(settings: Settings) -> bytes:
    """The key from settings, else one made once and kept in data_dir (readable by the owner only).

    NOTE: several workers start at once and must all get the same, complete key. The key is
    written whole to a temporary file and then hard-linked to hash.key: the link either
    appears complete or fails because another worker's key is already there, so the first
    writer wins and everyone reads the same bytes. A file that is empty or short (left by an
    older version or a crash) is refused rather than used as a weak key.
    """
    if settings.hash_key is not None:
        value = settings.hash_key.get_secret_value().encode()
        if len(value) < MIN_KEY_CHARS:
            raise HashKeyError(f"SENDGUARD_HASH_KEY must be at least {MIN_KEY_CHARS} characters")
        return value
    folder = Path(settings.data_dir)
    _private_folder(folder)
    path = folder / KEY_FILE
    if not path.exists():
        _write_once(path, secrets.token_hex(32))
    return _read_key(path)


def _private_folder(folder: Path) -> None:
    """The data folder, readable by the owner only: it holds the key and the SQLite store."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    info = folder.stat()
    if stat.S_IMODE(info.st_mode) & 0o077 and info.st_uid == os.getuid():
        folder.chmod(0o700)


def _write_once(path: Path, key: str) -> None:
    fd, temporary = tempfile.mkstemp(prefix=f".{KEY_FILE}.", dir=path.parent)  # mode 0600
    try:
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(key)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass  # another worker's key won; read that one
    finally:
        os.unlink(temporary)


def _read_key(path: Path) -> bytes:
    try:
        value = path.read_bytes().strip()
    except OSError as exc:
        raise HashKeyError(f"the hash key file {path} cannot be read ({exc.strerror})") from None
    if len(value) < MIN_KEY_CHARS:
        raise HashKeyError(
            f"the hash key file {path} holds a key shorter than {MIN_KEY_CHARS} characters; "
            "restore the trust's key or remove the file to make a new one (earlier hashes will no longer match)"
        )
    return value


def keyed_hash(key: bytes, value: str | bytes) -> str:
    data = value.encode() if isinstance(value, str) else value
    return hmac.new(key, data, hashlib.sha256).hexdigest()
