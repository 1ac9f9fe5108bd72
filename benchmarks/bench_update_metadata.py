"""Over-the-air updates (issue 17): what verifying the maker's TUF metadata costs a car as the repository grows.

Repositories of 10, 1,000 and 10,000 bundles (``--sizes``) are signed with the repository's own keys and
layout (consistent snapshots, lengths and hashes in snapshot and timestamp, compact JSON), the bundles'
entries synthetic (a real manifest in ``custom``, no bundle files: only metadata is measured), in three
shapes:
- ``flat``: every bundle in one delegated role (``all``: every bundle fits every car);
- ``variants``: one role per variant (suv, city, premium) and ``all``, a quarter of the bundles each —
  the repository's own layout; a suv car loads its role and ``all``;
- ``hash-bins``: the bundles spread over 64 hash-bin roles (TUF's succinct delegations): a lookup loads
  one bin, but there is nothing to list per car.
Served by a ThreadingHTTPServer on 127.0.0.1 and read by a fresh car each time (empty cache, the
repository's first root), through the car's own fetcher:
- lookup: ``Updater.refresh()`` + ``get_targetinfo()`` of one bundle — what downloading one needs;
- check: ``UpdateClient.check()`` — every offer for a suv car (flat and variants only);
- what the car downloads (metadata bytes) for each, and the total size of the targets metadata.
Times are the median of ``--repeat`` runs.

    python -m benchmarks.bench_update_metadata [--sizes 10,1000,10000] [--repeat 3]

Prints a table and a markdown section for BENCHMARKS.md. About a minute on 2 cores.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import platform
import shutil
import statistics
import tempfile
import threading
import time
from datetime import UTC, datetime
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import tuf
from tuf.api.metadata import DelegatedRole, Delegations, Metadata, SuccinctRoles, TargetFile, Targets
from tuf.ngclient import Updater, UpdaterConfig

from cockpit.updates import repository
from cockpit.updates.bundle import Manifest
from cockpit.updates.client import HttpFetcher, UpdateClient
from cockpit.updates.repository import _Repo

SHAPES = ("flat", "variants", "hash-bins")
VARIANTS = ("suv", "city", "premium")
BIN_BITS = 6  # 64 bins


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # noqa: ANN002
        pass


def _entry(i: int, folder: str) -> TargetFile:
    manifest = Manifest(kind="theme", name=f"t{i}", version="1.0", summary=f"theme number {i}",
                        variants=("*",) if folder == "all" else (folder,))
    digest = hashlib.sha256(str(i).encode()).hexdigest()
    return TargetFile(100_000 + i, {"sha256": digest}, f"{folder}/{manifest.file_name}",
                      unrecognized_fields={"custom": manifest.to_json()})


def build(folder: Path, size: int, shape: str) -> str:
    """A signed repository of ``size`` bundle entries in ``shape``; the path of the last entry."""
    repository.init(folder)
    repo = _Repo(folder)
    targets = repo.current(Targets.type)
    roles: dict[str, Metadata[Targets]] = {}
    if shape == "hash-bins":
        succinct = SuccinctRoles([], 1, BIN_BITS, "bin")
        targets.signed.delegations = Delegations(keys={}, succinct_roles=succinct)
        targets.signed.add_key(repo.new_key(repo.key_path("bin")).public_key)
        for i in range(size):
            entry = _entry(i, "all")
            role = succinct.get_role_for_target(entry.path)
            roles.setdefault(role, Metadata(Targets(expires=datetime.now(UTC)))).signed.targets[entry.path] = entry
        for name in succinct.get_roles():  # every bin exists, even an empty one
            roles.setdefault(name, Metadata(Targets(expires=datetime.now(UTC))))
    else:
        folders = ("all",) if shape == "flat" else (*VARIANTS, "all")
        for f in folders:
            name = repository.role_for_variant("*" if f == "all" else f)
            targets.signed.delegations.roles[name] = DelegatedRole(name, [], 1, True, [f"{f}/*"])
            targets.signed.add_key(repo.new_key(repo.key_path(name)).public_key, name)
            roles[name] = Metadata(Targets(expires=datetime.now(UTC)))
        for i in range(size):
            f = folders[i % len(folders)]
            entry = _entry(i, f)
            roles[repository.role_for_variant("*" if f == "all" else f)].signed.targets[entry.path] = entry
    repo.stage(Targets.type, targets)
    for name, md in roles.items():
        repo.stage(name, md)
        if shape == "hash-bins":  # the bins share one key
            shutil.copyfile(repo.key_path("bin"), repo.key_path(name))
    repository.publish(folder)
    return entry.path


def _car(tmp: Path, folder: Path) -> Path:
    car = Path(tempfile.mkdtemp(dir=tmp, prefix="car-"))
    (car / "metadata").mkdir()
    shutil.copyfile(folder / "metadata" / "1.root.json", car / "metadata" / "root.json")
    return car


def measure(tmp: Path, folder: Path, url: str, path: str, shape: str, repeat: int) -> dict:
    lookups, checks, lookup_bytes, check_bytes = [], [], 0, 0
    for _ in range(repeat):
        car = _car(tmp, folder)
        fetcher = HttpFetcher(car / "partial", url + "targets/")
        start = time.perf_counter()
        updater = Updater(str(car / "metadata"), url + "metadata/", str(car), url + "targets/", fetcher,
                          UpdaterConfig(), bootstrap=None)
        updater.refresh()
        assert updater.get_targetinfo(path) is not None
        lookups.append(time.perf_counter() - start)
        lookup_bytes = sum(len(b) for b in fetcher.metadata.values())
        if shape != "hash-bins":
            car = _car(tmp, folder)
            client = UpdateClient(car / "metadata", car / "downloads", url, "suv", "1.0")
            start = time.perf_counter()
            offers = client.check()
            checks.append(time.perf_counter() - start)
            check_bytes = sum(len(b) for b in client.fetcher.metadata.values())
            assert offers
    snapshot = Metadata.from_file(str(folder / "metadata" / "timestamp.json")).signed.snapshot_meta
    published = Metadata.from_file(str(folder / "metadata" / f"{snapshot.version}.snapshot.json")).signed.meta
    return {"lookup_s": statistics.median(lookups), "lookup_bytes": lookup_bytes,
            "check_s": statistics.median(checks) if checks else None, "check_bytes": check_bytes or None,
            "targets_bytes": sum(m.length for m in published.values()), "snapshot_bytes": snapshot.length,
            "roles": len(published)}


def run(sizes: list[int], repeat: int = 3) -> dict:
    tmp = Path(tempfile.mkdtemp(prefix="bench-update-"))
    rows = []
    try:
        for size in sizes:
            for shape in SHAPES:
                folder = tmp / f"{shape}-{size}"
                t = time.perf_counter()
                path = build(folder, size, shape)
                publish_s = time.perf_counter() - t
                handler = functools.partial(_Quiet, directory=str(folder))
                httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
                threading.Thread(target=httpd.serve_forever, daemon=True).start()
                try:
                    url = f"http://127.0.0.1:{httpd.server_address[1]}/"
                    row = measure(tmp, folder, url, path, shape, repeat)
                finally:
                    httpd.shutdown()
                    httpd.server_close()
                rows.append({"size": size, "shape": shape, "publish_s": publish_s, **row})
                print(f"  {size:>6,} {shape:9} lookup {row['lookup_s'] * 1000:7.0f} ms", flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return {"rows": rows, "repeat": repeat}


def _kb(n: int | None) -> str:
    return "–" if n is None else f"{n / 1024:,.1f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:,.1f} MB"


def _ms(s: float | None) -> str:
    return "–" if s is None else f"{s * 1000:,.0f} ms"


def table(result: dict) -> str:
    head = ("| bundles | shape | targets roles | targets metadata (all roles) | snapshot "
            "| sign + write (init + publish) | lookup: refresh + get_targetinfo | car downloads "
            "| check(): a suv car's offers | car downloads |\n"
            "|---|---|---|---|---|---|---|---|---|---|\n")
    return head + "\n".join(
        f"| {r['size']:,} | {r['shape']} | {r['roles']} | {_kb(r['targets_bytes'])} | {_kb(r['snapshot_bytes'])} "
        f"| {_ms(r['publish_s'])} | {_ms(r['lookup_s'])} | {_kb(r['lookup_bytes'])} | {_ms(r['check_s'])} "
        f"| {_kb(r['check_bytes'])} |" for r in result["rows"])


def markdown(result: dict) -> str:
    when = datetime.now(UTC).strftime("%Y-%m-%d")
    return (f"<!-- update-metadata: begin -->\n## Updates: verifying TUF metadata as the repository grows "
            f"(issue 17)\n\n`python -m benchmarks.bench_update_metadata` (median of {result['repeat']} fresh cars "
            "each). "
            f"Measured {when} on {platform.machine()}, Python {platform.python_version()}, python-tuf "
            f"{tuf.__version__}. Synthetic bundle entries (a real manifest each in `custom`), signed with ed25519 "
            "in the repository's own layout and served by a ThreadingHTTPServer on 127.0.0.1; a fresh car (empty "
            "cache, the first root) through its own fetcher. *flat*: one role holds every bundle; *variants*: "
            "suv, city, premium and all, a quarter each (the repository's layout; a suv car loads two); "
            "*hash-bins*: 64 succinct hash-bin roles (one lookup loads one bin; nothing to list per car).\n\n"
            f"{table(result)}\n<!-- update-metadata: end -->\n")


if __name__ == "__main__":
    args = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    args.add_argument("--sizes", default="10,1000,10000", help="bundles per repository (default: %(default)s)")
    args.add_argument("--repeat", type=int, default=3, help="fresh cars per measurement (default: %(default)s)")
    a = args.parse_args()
    r = run([int(s) for s in a.sizes.split(",")], a.repeat)
    print()
    print(table(r))
    print()
    print(markdown(r))
