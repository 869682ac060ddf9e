"""The protected copy's file name: `-protected` before the extension; a zip ends in `.zip`."""

from pathlib import PurePosixPath

SUFFIX = "-protected"


def base_name(name: str) -> str:
    """The last part of a name that may carry a Windows or POSIX folder path."""
    return PurePosixPath(name.replace("\\", "/")).name.strip() or "file"


def split_extension(name: str) -> tuple[str, str]:
    """("report", ".docx"); a name with no extension, or only one (".profile"), has ""."""
    stem, dot, extension = name.rpartition(".")
    if not dot or not stem or not extension:
        return name, ""
    return stem, f".{extension}"


def protected_name(name: str, zipped: bool) -> str:
    stem, extension = split_extension(base_name(name))
    return f"{stem}{SUFFIX}{'.zip' if zipped else extension}"
