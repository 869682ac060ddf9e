import random

from hypothesis import given
from hypothesis import strategies as st

from service.detect.covered import Covered

_range = st.tuples(st.integers(0, 60), st.integers(0, 60)).map(lambda r: (min(r), max(r)))


@given(st.lists(_range, max_size=30), st.lists(_range, max_size=30))
def test_overlaps_agrees_with_checking_every_range(added: list[tuple[int, int]], probes: list[tuple[int, int]]) -> None:
    covered = Covered(added)
    kept = [(s, e) for s, e in added if s < e]
    for a, b in probes:
        assert covered.overlaps(a, b) == any(a < e and s < b for s, e in kept), (added, a, b)


def test_touching_ranges_do_not_overlap() -> None:
    covered = Covered([(0, 5), (5, 10)])
    assert not covered.overlaps(10, 12) and not covered.overlaps(-3, 0) and not covered.overlaps(5, 5)
    assert covered.overlaps(4, 6) and covered.overlaps(9, 11) and covered.overlaps(3, 3)


def test_many_ranges_in_any_order() -> None:
    rng = random.Random(3)
    ranges = [(s, s + rng.randint(1, 6)) for s in rng.sample(range(0, 100_000, 10), 5_000)]
    covered = Covered(ranges)
    assert all(covered.overlaps(s, e) for s, e in ranges)
    assert not any(covered.overlaps(s + 8, s + 10) for s, _ in ranges)
