"""The road graph's cache: the second load of a map comes from the cache and is the graph built from
the file; a cache file that is damaged, forged or a pickle is built again, never trusted, and nothing
in it runs; another map file (or the same name with other bytes) gets its own entry; a cache that
cannot be written only costs the time to build."""

import io
import os
import pickle
import random
import zipfile

import numpy as np
import pytest

import cockpit.navigation.cache as cache
from cockpit.navigation.cache import FORMAT, file_hash, load_graph
from cockpit.navigation.graph import DEFAULT_MAP, build_graph
from cockpit.navigation.route import NoRoute, route

SMALL_MAP = """<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="test">
<node id="1" version="1" lat="60.1700" lon="24.9400"/>
<node id="2" version="1" lat="60.1710" lon="24.9400"/>
<node id="3" version="1" lat="60.1710" lon="24.9420"/>
<way id="10" version="1"><nd ref="1"/><nd ref="2"/><tag k="highway" v="residential"/><tag k="name" v="Eka"/></way>
{more}
</osm>
"""
MORE = '<way id="11" version="1"><nd ref="2"/><nd ref="3"/><tag k="highway" v="primary"/><tag k="name" v="Toka"/></way>'


@pytest.fixture(scope="module")
def built():
    return build_graph(DEFAULT_MAP)


@pytest.fixture(scope="module")
def good_cache(tmp_path_factory, built):
    """The bytes of the cache file load_graph writes for the shipped map."""
    folder = tmp_path_factory.mktemp("cache")
    load_graph(DEFAULT_MAP, folder)
    (file,) = folder.iterdir()
    return file.name, file.read_bytes()


@pytest.fixture
def no_build(monkeypatch):
    """While on, a graph can only come from the cache: building one fails the test."""
    def refuse(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise AssertionError("built, not read from the cache")

    monkeypatch.setattr(cache, "build_graph", refuse)


def same(a, b) -> None:  # noqa: ANN001
    assert a.nodes == b.nodes
    assert {k: sorted(v, key=lambda e: (e.to, e.way)) for k, v in a.edges.items()} == \
        {k: sorted(v, key=lambda e: (e.to, e.way)) for k, v in b.edges.items()}
    assert a.ways == b.ways and a.signals == b.signals
    assert a.restrictions == b.restrictions and a.skipped_restrictions == b.skipped_restrictions


def test_the_second_load_comes_from_the_cache_and_is_the_built_graph(tmp_path, built, monkeypatch):
    calls = []
    first = load_graph(DEFAULT_MAP, tmp_path, progress=lambda done, total: calls.append((done, total)))
    size = DEFAULT_MAP.stat().st_size
    assert calls and calls[-1] == (size, size)
    assert all(0 <= d <= t == size for d, t in calls) and [d for d, _ in calls] == sorted(d for d, _ in calls)
    assert [p.name for p in tmp_path.iterdir()] == [f"{file_hash(DEFAULT_MAP)}-v{FORMAT}.npz"]
    same(first, built)

    monkeypatch.setattr(cache, "build_graph", lambda *a, **k: pytest.fail("built again"))
    again = load_graph(DEFAULT_MAP, tmp_path)
    same(again, built)
    assert built.restrictions and built.signals  # the comparison compared something
    # the turn rules work on the cached graph as on the built one: the same routes
    nodes = sorted(built.edges)
    for a, b in zip(nodes[::97], nodes[50::89], strict=False):
        try:
            expected = route(built, a, b)
        except NoRoute:
            with pytest.raises(NoRoute):
                route(again, a, b)
            continue
        got = route(again, a, b)
        assert (got.nodes, got.ways, got.seconds) == (expected.nodes, expected.ways, expected.seconds)


def npz(**arrays) -> bytes:  # noqa: ANN003
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return buffer.getvalue()


class Trap:
    """Unpickling one makes a folder: proof that a pickle ran."""

    marker = ""

    def __reduce__(self):  # noqa: ANN204
        return os.mkdir, (self.marker,)


def damaged(good: bytes, tmp_path) -> dict[str, bytes]:  # noqa: ANN001
    with np.load(io.BytesIO(good), allow_pickle=False) as data:
        arrays = {k: data[k] for k in data.files}
    trap = Trap()
    trap.marker = str(tmp_path / "pickle-ran")
    flipped = bytearray(good)
    flipped[len(good) // 2] ^= 0xFF
    evil = np.empty(1, dtype=object)
    evil[0] = trap
    return {
        "garbage": random.Random(4).randbytes(4096),
        "empty": b"",
        "truncated zip": good[: len(good) // 2],
        "a flipped byte": bytes(flipped),
        "coords of the wrong shape": npz(**{**arrays, "coords": np.zeros((len(arrays["ids"]), 3))}),
        "ids of the wrong shape": npz(**{**arrays, "ids": arrays["ids"].reshape(-1, 1)}),
        "costs of the wrong shape": npz(**{**arrays, "costs": arrays["costs"][:-1]}),
        "an edge to a node not on the graph": npz(**{**arrays, "ends": np.vstack([arrays["ends"], [[1, 2, 0]]]),
                                                     "costs": np.vstack([arrays["costs"], [[1.0, 1.0]]])}),
        "a missing array": npz(**{k: v for k, v in arrays.items() if k != "signals"}),
        "meta not JSON": npz(**{**arrays, "meta": np.frombuffer(b"\xff{not json", dtype=np.uint8)}),
        "meta of the wrong kind": npz(**{**arrays, "meta": np.frombuffer(b"[1, 2]", dtype=np.uint8)}),
        "an object array": npz(**{**arrays, "signals": evil}),
        "a pickle": pickle.dumps({"ids": evil}),
        "a bare .npy": (lambda b: (np.save(b, arrays["ids"]), b.getvalue())[1])(io.BytesIO()),
    }


def test_a_damaged_or_forged_cache_is_built_again_and_nothing_in_it_runs(tmp_path, built, good_cache):
    name, good = good_cache
    folder = tmp_path / "cache"
    folder.mkdir()
    for what, data in damaged(good, tmp_path).items():
        (folder / name).write_bytes(data)
        graph = load_graph(DEFAULT_MAP, folder)
        same(graph, built)
        assert not (tmp_path / "pickle-ran").exists(), what
        assert (folder / name).read_bytes() != data, f"{what}: left in place"
        assert [p.name for p in folder.iterdir()] == [name], what  # replaced whole, no temporary file left


def test_the_rewritten_cache_is_read_next_time(tmp_path, built, good_cache, monkeypatch):
    name, good = good_cache
    (tmp_path / name).write_bytes(good[: len(good) // 3])
    load_graph(DEFAULT_MAP, tmp_path)
    monkeypatch.setattr(cache, "build_graph", lambda *a, **k: pytest.fail("built again"))
    same(load_graph(DEFAULT_MAP, tmp_path), built)


def test_a_changed_map_file_gets_its_own_entry(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    map_file = tmp_path / "town.osm"
    map_file.write_text(SMALL_MAP.format(more=""), encoding="utf-8")
    small = load_graph(map_file, folder)
    assert len(small.ways) == 1 and len(list(folder.iterdir())) == 1
    map_file.write_text(SMALL_MAP.format(more=MORE), encoding="utf-8")  # same name, one road more
    bigger = load_graph(map_file, folder)
    assert [w.name for w in bigger.ways] == ["Eka", "Toka"] and len(list(folder.iterdir())) == 2
    # both entries are kept: back to the first bytes, the first graph comes from the cache
    map_file.write_text(SMALL_MAP.format(more=""), encoding="utf-8")
    monkeypatch.setattr(cache, "build_graph", lambda *a, **k: pytest.fail("built again"))
    assert [w.name for w in load_graph(map_file, folder).ways] == ["Eka"]


def test_a_cache_that_cannot_be_written_still_gives_the_graph(tmp_path, built):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    same(load_graph(DEFAULT_MAP, blocker / "maps"), built)  # its parent is a file: no folder can be made
    same(load_graph(DEFAULT_MAP, blocker), built)
    assert blocker.read_text() == "not a folder"
    # a cache file's name taken by a folder: neither read nor replaced
    folder = tmp_path / "cache"
    (folder / f"{file_hash(DEFAULT_MAP)}-v{FORMAT}.npz").mkdir(parents=True)
    same(load_graph(DEFAULT_MAP, folder), built)
    assert [p.name for p in folder.iterdir()] == [f"{file_hash(DEFAULT_MAP)}-v{FORMAT}.npz"]


def test_the_default_cache_folder_follows_xdg(tmp_path, monkeypatch, built):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    same(load_graph(DEFAULT_MAP), built)
    (entry,) = (tmp_path / "cockpit" / "maps").iterdir()
    assert zipfile.is_zipfile(entry) and entry.name.startswith(file_hash(DEFAULT_MAP))
