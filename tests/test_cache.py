"""The shared time-limited cache (scan verdicts, Graph look-ups)."""

import pytest

from service.cache import TtlCache


def test_entries_expire_after_their_ttl(monkeypatch: pytest.MonkeyPatch) -> None:
    now = [1000.0]
    monkeypatch.setattr("service.cache.time.monotonic", lambda: now[0])
    cache: TtlCache[str, int] = TtlCache(ttl_seconds=10, max_entries=4)
    cache.put("a", 1)
    now[0] += 9.9
    assert cache.get("a") == 1
    now[0] += 0.2
    assert cache.get("a") is None


def test_the_least_recently_used_goes_first() -> None:
    cache: TtlCache[str, int] = TtlCache(ttl_seconds=60, max_entries=2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("a") == 1  # "b" is now the least recently used
    cache.put("c", 3)
    assert (cache.get("a"), cache.get("b"), cache.get("c")) == (1, None, 3)


@pytest.mark.parametrize(("ttl", "size"), [(0, 10), (10, 0)])
def test_zero_ttl_or_size_keeps_nothing(ttl: float, size: int) -> None:
    cache: TtlCache[str, int] = TtlCache(ttl_seconds=ttl, max_entries=size)
    cache.put("a", 1)
    assert cache.get("a") is None
