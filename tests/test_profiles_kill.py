"""Killing the process in the middle of a save loses nothing that was committed (real SIGKILLs)."""

import os
import random
import signal
import subprocess
import sys
import time

from cockpit.profiles.store import ProfileDatabase

from .conftest import ROOT

KILLS = 200


def test_sigkill_during_saves_never_loses_or_corrupts_a_profile(tmp_path):
    rng = random.Random(6)
    committed: dict[str, int] = {}  # profile -> the last save the writer saw commit
    in_flight: dict[str, int] = {}  # profile -> a save begun but not seen to finish
    mid_save = during_open = 0
    n = 0
    started = time.monotonic()
    for kill in range(KILLS):
        child = subprocess.Popen([sys.executable, "-m", "tests.profile_writer", str(tmp_path), str(n)], cwd=ROOT,
                                 stdout=subprocess.PIPE, text=True, bufsize=1)
        early = kill % 10 == 9  # now and then, kill it while it opens (key and layout creation included)
        if early:
            time.sleep(rng.uniform(0.0, 0.15))
        else:
            assert child.stdout.readline().strip() == "ready"
            time.sleep(rng.uniform(0.0, 0.03))
        os.kill(child.pid, signal.SIGKILL)
        out, _ = child.communicate()
        assert child.returncode == -signal.SIGKILL
        last = None
        for line in out.splitlines():
            word, *rest = line.split()
            if word == "begin":
                name, k = " ".join(rest[:-1]), int(rest[-1])
                in_flight[name] = k
                last = "begin"
            elif word == "done":
                name, k = " ".join(rest[:-1]), int(rest[-1])
                committed[name] = k
                in_flight.pop(name, None)
                n = max(n, k + 1)
                last = "done"
        mid_save += last == "begin"
        during_open += last is None
        if in_flight:
            n = max(n, max(in_flight.values()) + 1)

        # The verdict, in this process: nothing reported damaged, every committed save there.
        db = ProfileDatabase(tmp_path, scrypt_n=2**10)
        report = db.open()
        assert report.ok, f"after kill {kill}: {report}"
        stored = {s.name: db.unlock(s.id).doc for s in db.summaries()}
        for name, k in committed.items():
            assert name in stored, f"after kill {kill}: {name} lost"
            doc = stored[name]
            got = int(doc["media"]["favourites"][0]["title"].split()[1])
            assert got == k or got == in_flight.get(name), f"after kill {kill}: {name} has save {got}, not {k}"
            assert doc["seat"]["position"] == got % 400  # one version, not a mix of two
            committed[name] = got
        for name in list(in_flight):  # a save that committed unseen is now the one to keep
            if name in stored:
                committed[name] = int(stored[name]["media"]["favourites"][0]["title"].split()[1])
        in_flight.clear()
        db.close()
    elapsed = time.monotonic() - started
    print(f"\n{KILLS} SIGKILLs in {elapsed:.1f} s: {mid_save} between 'begin' and 'done' of a save, "
          f"{during_open} before the writer was ready; {len(committed)} profiles, 0 lost, 0 corrupt")
    assert len(committed) == 5 and mid_save >= KILLS // 4
