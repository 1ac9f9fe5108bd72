"""SIGKILL in the middle of installs, again and again: after recovery the car runs a whole version, never half.

A helper process imports the installer once and forks a child per round (so a round costs a fork, not
an interpreter start); the child installs newer and newer theme bundles until it is killed with
SIGKILL after a random delay, wherever it happens to be: extracting, fsyncing, checking, writing the
state, removing its marker. Then ``recover()`` runs and every file of the active version, and of the
rollback target, must be the bundle's, byte for byte, and the state file must parse.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from cockpit.updates.bundle import parse_version
from cockpit.updates.slots import SLOTS, read_state, recover

from .test_update_install import payload_of, theme_bundle

ROUNDS = 100
VERSIONS = 400  # more than the rounds can install between kills
MAX_DELAY_S = 0.3  # an install of these bundles takes ~0.1-0.2 s here: kills land in every phase

# The helper: on each line from the parent it forks a child that installs every bundle newer than the
# active one, in order, then says the child's pid and, once it is dead, how it died.
HELPER = r"""
import os, sys
from cockpit.updates.bundle import open_bundle, parse_version
from cockpit.updates.slots import install, status
import cockpit.theming.check  # imported once here, not in every child
data, bundles = sys.argv[1], sys.argv[2:]
for line in sys.stdin:
    pid = os.fork()
    if pid == 0:
        try:
            for b in bundles:
                active = next((s.active for s in status(data)), None)
                if active is None or parse_version(open_bundle(b).manifest.version) > parse_version(active):
                    r = install(b, parked=True, data_dir=data)
                    if not r.ok:
                        print(r.reason, file=sys.stderr, flush=True)
                        os._exit(1)
        except BaseException as exc:
            print(repr(exc), file=sys.stderr, flush=True)
            os._exit(1)
        os._exit(0)
    print(pid, flush=True)
    _, how = os.waitpid(pid, 0)
    print(how, flush=True)
"""


def test_sigkill_during_installs_leaves_a_whole_version_after_recovery(tmp_path):
    data = tmp_path / "car"
    versions = [f"1.{n}" for n in range(VERSIONS)]
    bundles = [theme_bundle(tmp_path, v, name="crash", copies=3) for v in versions]
    expected = {v: payload_of(tmp_path / "content" / f"crash-{v}") for v in versions}
    helper = subprocess.Popen([sys.executable, "-c", HELPER, str(data), *map(str, bundles)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parents[1])
    rng = random.Random(17)
    folder = data / "updates" / "theme" / "crash"
    seen = "0"
    cut_short = committed = 0
    try:
        for _ in range(ROUNDS):
            helper.stdin.write("go\n")
            helper.stdin.flush()
            pid = int(helper.stdout.readline())
            time.sleep(rng.uniform(0, MAX_DELAY_S))  # where the kill lands, not a measurement
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:  # it ended by itself: only a failure does (its status says so next)
                pass
            how = int(helper.stdout.readline())
            assert os.WIFSIGNALED(how) or os.WEXITSTATUS(how) == 0, "the installing child failed (its stderr above)"
            cut_short += any(folder.glob("*.partial"))

            recover(data)

            assert not list(folder.glob("*.partial")) and not (folder / "state.json.tmp").exists()
            state = read_state(folder) if (folder / "state.json").exists() else {"active": None}
            active = state["active"]
            if active is None:  # killed before the first install committed: nothing installed, nothing left
                assert not any(any(p.iterdir()) for p in folder.glob("[ab]"))
                continue
            assert parse_version(active["version"]) >= parse_version(seen), "an older version came back"
            committed += active["version"] != seen
            seen = active["version"]
            assert payload_of(folder / active["slot"]) == expected[seen], f"version {seen} is not whole"
            if state["last_good"]:
                good = state["last_good"]
                assert good["slot"] != active["slot"] and good["slot"] in SLOTS
                assert payload_of(folder / good["slot"]) == expected[good["version"]]
    finally:
        helper.stdin.close()
        helper.wait(timeout=60)
    print(f"{ROUNDS} kills: {cut_short} in the middle of an install, {committed} rounds ended on a newer version")
    assert cut_short > 0 and committed > 0  # the kills did land both inside installs and after commits
