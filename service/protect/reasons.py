"""Why a file could not be protected, in words a teacher understands (one sentence each)."""

ALREADY_PROTECTED = "This file is already protected with a password, so it needs no further protection."
GARBLED = "The file's content was garbled in sending and could not be read."
TOO_SLOW = "Protecting this file took too long; please protect it yourself in the program that made it."
OUT_OF_MEMORY = "This file is too large for SendGuard to protect."
BUSY = "SendGuard is busy: please try again in a moment."


def too_large(max_bytes: int) -> str:
    limit = f"{max_bytes // (1024 * 1024)} MB" if max_bytes >= 1024 * 1024 else f"{max_bytes // 1024} KB"
    return f"This file is larger than {limit}, too large for SendGuard to protect."


def unreadable(why: str) -> str:
    """`why`: the reason extraction gave (service/extract/attachments/reasons.py), e.g. "the file is damaged"."""
    return f"This file cannot be protected because {why}."
