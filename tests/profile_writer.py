"""A child process for the SIGKILL test: saves profiles in a tight loop, saying what it commits.

    python -m tests.profile_writer FOLDER START

Prints "ready", then for every save "begin NAME N" before it and "done NAME N" once it has
committed; N (in the profile's seat position and first media favourite) tells versions apart.
"""

import sys

from cockpit.profiles.schema import default_profile
from cockpit.profiles.store import ProfileDatabase

NAMES = [f"Driver {i}" for i in range(5)]


def main() -> None:
    folder, start = sys.argv[1], int(sys.argv[2])
    db = ProfileDatabase(folder, scrypt_n=2**10)
    db.open()
    profiles = {}
    for s in db.summaries():
        profiles[s.name] = db.unlock(s.id)
    print("ready", flush=True)
    n = start
    while True:
        name = NAMES[n % len(NAMES)]
        doc = profiles[name].doc if name in profiles else default_profile(name)
        doc["seat"]["position"] = n % 400
        doc["media"]["favourites"] = [{"title": f"save {n}", "source": "x" * 200}] + [
            {"title": f"filler {n}-{k}", "source": "y" * 150} for k in range(60)]
        print(f"begin {name} {n}", flush=True)
        if name in profiles:
            profiles[name].doc = doc
            db.save(profiles[name])
        else:
            profiles[name] = db.create(name, doc=doc)
        print(f"done {name} {n}", flush=True)
        n += 1


if __name__ == "__main__":
    main()
