"""A road graph built once per map file: kept in a cache folder under the file's SHA-256, as plain
arrays (numpy's .npz without pickles, so a cache file can hold data and nothing that runs). A cache
file that does not load as the graph it names is rebuilt, never trusted.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from cockpit.files import InputFileError, open_regular

from .graph import Edge, MapError, Restriction, RoadGraph, Way, build_graph

FORMAT = 3  # bump when RoadGraph or the arrays change: older cache files are then ignored


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "cockpit" / "maps"


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with open_regular(path) as f:
            while chunk := f.read(1 << 20):
                digest.update(chunk)
    except (InputFileError, OSError) as exc:
        raise MapError(str(exc) if isinstance(exc, InputFileError) else f"{path}: {exc}") from None
    return digest.hexdigest()


def load_graph(path: Path | str, cache_dir: Path | None = None,
               progress: Callable[[int, int], None] | None = None, digest: str | None = None) -> RoadGraph:
    """The road graph of ``path``, from the cache when it holds this file's graph, else built
    (``progress`` hears how far) and cached. A cache that cannot be written is only a slower start.
    ``digest``: the file's SHA-256 when the caller has it already."""
    path = Path(path)
    folder = cache_dir or default_cache_dir()
    cached = folder / f"{digest or file_hash(path)}-v{FORMAT}.npz"
    if cached.is_file():
        try:
            return _read(cached)
        except Exception:  # damaged or from elsewhere (an empty file, JSON of another shape...): built again
            pass
    graph = build_graph(path, progress)
    try:
        _write(graph, cached)
    except OSError:
        pass
    return graph


def _write(graph: RoadGraph, target: Path) -> None:
    import numpy as np  # here, not at the top: the cockpit imports this module before its first frame

    ids = np.fromiter(graph.nodes, dtype=np.int64, count=len(graph.nodes))
    coords = np.array([graph.nodes[i] for i in ids], dtype=np.float64).reshape(-1, 2)
    rows = [(a, e.to, e.way, e.length_m, e.seconds) for a, out in graph.edges.items() for e in out]
    ways = [[w.osm_id, w.name, w.highway, w.maxspeed_kmh, w.lanes, w.oneway, w.roundabout] for w in graph.ways]
    turns = [[r.from_way, r.via, r.to_way, int(r.only), r.kind] for r in graph.restrictions]
    meta = {"ways": ways, "restrictions": turns, "skipped": graph.skipped_restrictions}
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            np.savez(f, ids=ids, coords=coords,
                     ends=np.array([r[:3] for r in rows], dtype=np.int64).reshape(-1, 3),
                     costs=np.array([r[3:] for r in rows], dtype=np.float64).reshape(-1, 2),
                     signals=np.fromiter(graph.signals, dtype=np.int64, count=len(graph.signals)),
                     meta=np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8))
        os.replace(tmp, target)  # whole or not at all: another start may read it at any moment
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _read(file: Path) -> RoadGraph:
    import numpy as np

    with np.load(file, allow_pickle=False) as data:
        ids, coords, ends, costs = data["ids"], data["coords"], data["ends"], data["costs"]
        signals, meta = data["signals"], json.loads(data["meta"].tobytes())
    if coords.shape != (len(ids), 2) or ends.shape[1:] != (3,) or costs.shape != (len(ends), 2):
        raise ValueError("arrays of unexpected shapes")
    graph = RoadGraph()
    graph.ways = [Way(int(i), str(n), str(h), float(s), None if ln is None else int(ln), int(o), bool(r))
                  for i, n, h, s, ln, o, r in meta["ways"]]
    known = set(ids.tolist())
    graph.nodes = dict(zip(ids.tolist(), map(tuple, coords.tolist()), strict=True))
    for (a, b, w), (length, seconds) in zip(ends.tolist(), costs.tolist(), strict=True):
        if a not in known or b not in known or not 0 <= w < len(graph.ways):
            raise ValueError("an edge off the graph")
        graph.edges.setdefault(a, []).append(Edge(b, length, seconds, w))
    graph.signals = set(signals.tolist())
    for f, v, t, only, kind in meta["restrictions"]:
        graph.add_restriction(Restriction(int(f), int(v), int(t), bool(only), str(kind)))
    graph.skipped_restrictions = int(meta["skipped"])
    return graph
