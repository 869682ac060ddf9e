"""The store's hash key: made once, whole and the same for every worker starting at once."""

import multiprocessing
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from service.settings import REPO_ROOT, Settings
from service.store.hashing import KEY_FILE, HashKeyError, load_hash_key
from tests.serving import clean_environment, free_port

WORKERS = 8


def _settings(folder: Path) -> Settings:
    return Settings(data_dir=folder)  # type: ignore[call-arg]


def _load_in_process(folder: str, barrier: "multiprocessing.synchronize.Barrier", results: "multiprocessing.Queue[bytes | str]") -> None:
    barrier.wait()
    try:
        results.put(load_hash_key(_settings(Path(folder))))
    except Exception as exc:  # noqa: BLE001 - reported to the test
        results.put(repr(exc))


@pytest.mark.parametrize("trial", range(20))
def test_threads_starting_at_once_all_get_the_same_whole_key(tmp_path: Path, trial: int) -> None:
    folder = tmp_path / "data"
    barrier = threading.Barrier(WORKERS)
    keys: list[bytes | str] = []

    def worker() -> None:
        barrier.wait()
        try:
            keys.append(load_hash_key(_settings(folder)))
        except Exception as exc:  # noqa: BLE001
            keys.append(repr(exc))

    threads = [threading.Thread(target=worker) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(keys)) == 1, keys
    (key,) = set(keys)
    assert isinstance(key, bytes) and len(key) == 64
    assert (folder / KEY_FILE).read_bytes() == key
    assert [p.name for p in folder.iterdir()] == [KEY_FILE]  # no temporary file left behind


def test_processes_starting_at_once_all_get_the_same_whole_key(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    for trial in range(3):
        folder = tmp_path / f"data-{trial}"
        barrier = context.Barrier(4)
        results: multiprocessing.Queue[bytes | str] = context.Queue()
        processes = [context.Process(target=_load_in_process, args=(str(folder), barrier, results)) for _ in range(4)]
        for process in processes:
            process.start()
        keys = [results.get(timeout=60) for _ in processes]
        for process in processes:
            process.join(timeout=30)
        assert len(set(keys)) == 1, keys
        assert isinstance(keys[0], bytes) and len(keys[0]) == 64
        assert (folder / KEY_FILE).read_bytes() == keys[0]


@pytest.mark.parametrize("content", [b"", b"\n", b"0123456789abcde\n"])
def test_an_empty_or_short_key_file_is_refused(tmp_path: Path, content: bytes) -> None:
    (tmp_path / KEY_FILE).write_bytes(content)
    with pytest.raises(HashKeyError, match=f"hash key file {tmp_path / KEY_FILE}.*shorter than 16 characters"):
        load_hash_key(_settings(tmp_path))
    assert (tmp_path / KEY_FILE).read_bytes() == content  # left as it was for the administrator


def test_an_existing_key_is_kept(tmp_path: Path) -> None:
    (tmp_path / KEY_FILE).write_bytes(b"a-key-the-trust-has-kept-for-years\n")
    assert load_hash_key(_settings(tmp_path)) == b"a-key-the-trust-has-kept-for-years"


def test_the_data_folder_and_key_are_the_owners_only(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    load_hash_key(_settings(folder))
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / KEY_FILE).stat().st_mode) == 0o600
    fresh = tmp_path / "new" / "data"
    load_hash_key(_settings(fresh))
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o700


def test_serve_refuses_an_empty_key_file_in_one_plain_line(tmp_path: Path) -> None:
    (tmp_path / KEY_FILE).write_bytes(b"")
    env = clean_environment(SENDGUARD_DATA_DIR=str(tmp_path), SENDGUARD_AUTH_MODE="dev",
                            SENDGUARD_API_CLIENT_ID="00000000-0000-0000-0000-000000000001")
    finished = subprocess.run(
        [sys.executable, "-m", "service.cli", "serve", "--host", "127.0.0.1", "--port", str(free_port())],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert finished.returncode == 3
    assert finished.stderr.strip() == (
        f"sendguard: the hash key file {tmp_path / KEY_FILE} holds a key shorter than 16 characters; "
        "restore the trust's key or remove the file to make a new one (earlier hashes will no longer match)"
    )
