"""What must not be decided twice, tried at once: wrong PINs in parallel each use a try, and one name is
claimed once — with real processes and threads, each with its own ProfileDatabase on one folder, at the
product's scrypt cost (a PIN check takes long enough for the others to start theirs)."""

import multiprocessing
import queue
import threading
from collections import Counter

import pytest

from cockpit.profiles.store import LockedOut, NameTaken, ProfileDatabase, ProfileError

N = 12


def _unlock(folder, max_tries, barrier, results):
    db = ProfileDatabase(folder, max_tries=max_tries)
    db.open()
    barrier.wait(timeout=60)
    try:
        db.unlock("Bo", "0000")
        results.put("unlocked")
    except ProfileError as exc:
        results.put(f"{type(exc).__name__}: {exc}")
    finally:
        db.close()


def _end_valet(folder, max_tries, barrier, results):
    db = ProfileDatabase(folder, max_tries=max_tries)
    db.open()
    barrier.wait(timeout=60)
    try:
        db.end_valet("0000")
        results.put("ended")
    except ProfileError as exc:
        results.put(f"{type(exc).__name__}: {exc}")
    finally:
        db.close()


def _create(folder, name, barrier, results):
    db = ProfileDatabase(folder)
    db.open()
    barrier.wait(timeout=60)
    try:
        results.put(f"created {db.create(name, pin='1234').id}")
    except ProfileError as exc:
        results.put(f"{type(exc).__name__}: {exc}")
    finally:
        db.close()


def in_parallel(how: str, target, argsets: list[tuple]) -> list[str]:
    """Run target(*args, barrier, results) for every args at once, in processes or threads; what each said."""
    if how == "processes":
        ctx = multiprocessing.get_context("spawn")
        barrier, results = ctx.Barrier(len(argsets)), ctx.Queue()
        workers = [ctx.Process(target=target, args=(*args, barrier, results)) for args in argsets]
    else:
        barrier, results = threading.Barrier(len(argsets)), queue.Queue()
        workers = [threading.Thread(target=target, args=(*args, barrier, results)) for args in argsets]
    for w in workers:
        w.start()
    said = [results.get(timeout=120) for _ in workers]
    for w in workers:
        w.join(timeout=60)
    return said


def _with_pin_profile(folder) -> None:
    db = ProfileDatabase(folder)
    db.open()
    db.create("Bo", pin="2468")
    db.close()


@pytest.mark.parametrize("how", ["processes", "threads"])
def test_wrong_pins_at_once_each_use_a_try_and_lock_out(tmp_path, how):
    _with_pin_profile(tmp_path)
    said = Counter(s.split(";")[0] for s in in_parallel(how, _unlock, [(tmp_path, 3)] * N))
    assert said == {"WrongPin: wrong PIN": 2, "LockedOut: too many wrong PINs": N - 2}, said
    db = ProfileDatabase(tmp_path)
    db.open()
    assert db.lockout_left("Bo") > 0
    with pytest.raises(LockedOut):  # not even the right PIN is tried now
        db.unlock("Bo", "2468")


@pytest.mark.parametrize("how", ["processes", "threads"])
def test_every_parallel_attempt_is_counted_once(tmp_path, how):
    _with_pin_profile(tmp_path)
    said = in_parallel(how, _unlock, [(tmp_path, 100)] * N)
    # 12 attempts, 12 different counts: none read the count another had not yet written
    assert sorted(said) == sorted(f"WrongPin: wrong PIN; {100 - k} tries left" for k in range(1, N + 1))


def test_wrong_valet_pins_at_once_lock_out_the_same_way(tmp_path):
    db = ProfileDatabase(tmp_path)
    db.open()
    db.start_valet("2468")
    db.close()
    said = Counter(s.split(";")[0] for s in in_parallel("threads", _end_valet, [(tmp_path, 3)] * N))
    assert said == {"WrongPin: wrong PIN": 2, "LockedOut: too many wrong PINs": N - 2}, said


@pytest.mark.parametrize("how", ["processes", "threads"])
def test_one_name_created_at_once_is_created_once(tmp_path, how):
    ProfileDatabase(tmp_path).open()
    said = in_parallel(how, _create, [(tmp_path, name) for name in ("Anna", "anna", "ANNA", "Anna", "aNNa", "Anna")])
    created = [s for s in said if s.startswith("created")]
    assert len(created) == 1, said
    assert all(s.startswith(f"{NameTaken.__name__}: there is already a profile named") for s in said
               if s not in created)
    db = ProfileDatabase(tmp_path)
    db.open()
    assert [s.id for s in db.summaries()] == [created[0].split()[1]]
    assert db.unlock("anna", "1234").id == created[0].split()[1]

