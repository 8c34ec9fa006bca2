"""Facilitator passphrases: codes, the lock a save keeps, the pause after wrong tries."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from caspian_tabletop.passphrase import (
    ALPHABET,
    FREE_TRIES,
    LOCK_PATTERN,
    TryGuard,
    make_lock,
    opens,
    problem_with,
    random_code,
    same_text,
)


def test_random_codes_use_the_unambiguous_alphabet_and_differ() -> None:
    codes = {random_code(8) for _ in range(50)}
    assert len(codes) == 50
    for code in codes:
        assert len(code) == 8 and set(code) <= set(ALPHABET)
    assert not set("01ilo") & set(ALPHABET)


def test_a_lock_opens_with_its_passphrase_only() -> None:
    lock = make_lock("blue heron")
    assert re.fullmatch(LOCK_PATTERN, lock)
    assert "blue heron" not in lock
    assert opens(lock, "blue heron")
    assert opens(lock, "  blue heron ")  # outer spaces do not count
    assert not opens(lock, "blue heron!")
    assert not opens(lock, "Blue heron")
    assert make_lock("blue heron") != lock  # a fresh salt each time


def test_a_malformed_or_costlier_lock_opens_nothing() -> None:
    lock = make_lock("blue heron")
    assert not opens(lock[:-1], "blue heron")
    assert not opens(lock.replace("$16384$", "$1048576$"), "blue heron")
    assert not opens("", "blue heron")


@settings(max_examples=8, deadline=None)
@given(st.text(min_size=4, max_size=30).filter(lambda t: problem_with(t) is None))
def test_any_accepted_passphrase_opens_its_lock(passphrase: str) -> None:
    assert opens(make_lock(passphrase), passphrase)


def test_short_passphrases_are_refused() -> None:
    assert problem_with("abc ") is not None
    assert problem_with("abcd") is None


def test_same_text_ignores_outer_spaces_only() -> None:
    assert same_text(" k7m4q9tr\n", "k7m4q9tr")
    assert not same_text("k7m4q9t", "k7m4q9tr")


def test_wrong_tries_in_a_row_add_a_growing_pause() -> None:
    now = [100.0]
    guard = TryGuard(clock=lambda: now[0])
    for _ in range(FREE_TRIES - 1):
        guard.failed()
        assert guard.wait_left() == 0.0
    guard.failed()
    assert guard.wait_left() == 5.0
    now[0] += 5.0
    assert guard.wait_left() == 0.0
    guard.failed()
    assert guard.wait_left() == 10.0
    for _ in range(10):
        guard.failed()
    assert guard.wait_left() == 60.0
    guard.succeeded()
    assert guard.wait_left() == 0.0 and guard.failures == 0
