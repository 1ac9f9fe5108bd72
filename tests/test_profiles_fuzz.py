"""Fuzzed profile imports: whatever the file holds, the answer is a valid profile or a clear
ProfileFormatError — never another exception, never a half-imported profile."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cockpit.profiles.schema import (
    EXPORT_FORMAT,
    ProfileFormatError,
    default_profile,
    export_bytes,
    parse_export,
    validate,
)
from cockpit.profiles.store import ProfileDatabase, ProfileError

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**20, 10**20) | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=12), children, max_size=5),
    max_leaves=25,
)


def paths(doc, prefix=()):
    """Every place in a document a value could be swapped."""
    yield prefix
    if isinstance(doc, dict):
        for k, v in doc.items():
            yield from paths(v, (*prefix, k))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            yield from paths(v, (*prefix, i))


def rich() -> dict:
    doc = default_profile("Fuzz")
    doc["places"]["home"] = {"label": "Home", "address": "1 Road", "latitude": 1.0, "longitude": 2.0}
    doc["contacts"] = [{"name": "A", "phone": "+1 2"}]
    doc["media"]["favourites"] = [{"title": "T", "source": "s"}]
    doc["history"]["destinations"] = [{"label": "L", "address": "a", "latitude": None, "longitude": None}]
    return doc


RICH_PATHS = list(paths(rich()))


def check(data) -> None:
    try:
        doc = parse_export(data, "fuzz.json")
    except ProfileFormatError as exc:
        assert str(exc).startswith("fuzz.json: ") and len(str(exc)) < 400
        return
    assert validate(doc) == doc  # anything accepted is a valid, normalised profile


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes(data):
    check(data)


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_random_json_as_the_profile(value):
    check(json.dumps({"format": EXPORT_FORMAT, "profile": value}))


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_random_json_as_the_whole_file(value):
    check(json.dumps(value))


@settings(max_examples=500, deadline=None)
@given(st.sampled_from(RICH_PATHS), json_values)
def test_one_field_of_a_valid_profile_swapped_for_anything(path, value):
    doc = rich()
    if not path:
        doc = value
    else:
        target = doc
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    check(json.dumps({"format": EXPORT_FORMAT, "profile": doc}))


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 2000), st.binary(min_size=1, max_size=8))
def test_a_valid_export_cut_or_spliced_anywhere(at, junk):
    data = export_bytes(rich())
    at = min(at, len(data))
    check(data[:at])
    check(data[:at] + junk + data[at:])


def test_absurd_files():
    for data in (b"[" * 100_000, b'{"a":' * 50_000, b" " * 2_000_000, b"\x00" * 10):
        with pytest.raises(ProfileFormatError):
            parse_export(data, "fuzz.json")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(RICH_PATHS), json_values)
def test_the_database_imports_all_or_nothing(tmp_path, path, value):
    db = ProfileDatabase(tmp_path / "db", scrypt_n=2**10)
    db.open()
    try:
        before = db.summaries()
        doc = rich()
        if path:
            target = doc
            for key in path[:-1]:
                target = target[key]
            target[path[-1]] = value
        try:
            profile = db.import_(json.dumps({"format": EXPORT_FORMAT, "profile": doc}), "fuzz.json")
        except (ProfileFormatError, ProfileError):
            assert db.summaries() == before
        else:
            assert db.unlock(profile.id).doc == profile.doc
            db.erase(profile.id)
    finally:
        db.close()
