"""Update bundles: what is packed is what comes out, and a crafted archive is refused before anything is written."""

import io
import json
import tarfile

import pytest

from cockpit.updates.bundle import BundleError, Manifest, make_bundle, open_bundle, parse_version

THEME = Manifest(kind="theme", name="nordic", version="1.2.0", summary="A calmer night palette",
                 variants=("suv", "premium"), checks=("themes-check",))


def content(tmp_path, name="src"):
    src = tmp_path / name
    (src / "sub").mkdir(parents=True)
    (src / "nordic.tokens.json").write_text('{"name": "nordic"}')
    (src / "sub" / "notes.txt").write_bytes(b"\x00\x01 binary is fine")
    return src


def test_a_bundle_round_trips_its_manifest_and_files(tmp_path):
    path = make_bundle(THEME, content(tmp_path), tmp_path / "out")
    assert path.name == "theme-nordic-1.2.0.bundle"
    bundle = open_bundle(path)
    assert bundle.manifest == THEME
    assert sorted(bundle.files) == ["nordic.tokens.json", "sub/notes.txt"]
    bundle.extract(tmp_path / "x")
    assert (tmp_path / "x" / "sub" / "notes.txt").read_bytes() == b"\x00\x01 binary is fine"
    with pytest.raises(FileExistsError):  # never into a folder that is already there
        bundle.extract(tmp_path / "x")


def test_the_same_content_gives_the_same_bytes(tmp_path):
    a = make_bundle(THEME, content(tmp_path, "one"), tmp_path / "a").read_bytes()
    b = make_bundle(THEME, content(tmp_path, "two"), tmp_path / "b").read_bytes()
    assert a == b


def test_versions_compare_as_numbers():
    assert parse_version("1.10") > parse_version("1.9.9")
    assert parse_version("2") == parse_version("2.0.0")
    for bad in ("1.x", "", "1..2", "-1", "1.2.3.4.5", 3):
        with pytest.raises(ValueError):
            parse_version(bad)


def test_fits_says_why_not():
    assert THEME.fits("0.1.0", "suv") is None
    assert "city" in THEME.fits("0.1.0", "city")
    old = Manifest(kind="theme", name="x", version="1", cockpit_min="0.2")
    assert "0.2 or newer" in old.fits("0.1.0", "suv")
    capped = Manifest(kind="theme", name="x", version="1", cockpit_below="0.1")
    assert "before 0.1" in capped.fits("0.1.0", "suv")


def crafted(tmp_path, members, manifest=None):
    """A tar written by hand: (name, content) pairs after the manifest; content is bytes or ("type", tar type)."""
    path = tmp_path / "crafted.bundle"
    with tarfile.open(path, "w") as tar:
        body = json.dumps(manifest if manifest is not None else THEME.to_json()).encode()
        info = tarfile.TarInfo("manifest.json")
        info.size = len(body)
        tar.addfile(info, io.BytesIO(body))
        for name, what in members:
            info = tarfile.TarInfo(name)
            if not isinstance(what, tuple):
                info.size = len(what)
                tar.addfile(info, io.BytesIO(what))
            else:
                info.type, info.linkname = what[1], "/etc/passwd"
                tar.addfile(info)
    return path


@pytest.mark.parametrize(("members", "why"), [
    ([("payload/../../evil", b"x")], "unsafe name"),
    ([("/etc/evil", b"x")], "unsafe name"),
    ([("payload/link", ("type", tarfile.SYMTYPE))], "link or device"),
    ([("payload/hard", ("type", tarfile.LNKTYPE))], "link or device"),
    ([("payload/fifo", ("type", tarfile.FIFOTYPE))], "link or device"),
    ([("elsewhere.txt", b"x")], "outside payload/"),
    ([("payload/a", b"x"), ("payload/a", b"y")], "twice"),
    ([], "holds no files"),
])
def test_crafted_members_are_refused(tmp_path, members, why):
    with pytest.raises(BundleError, match=why):
        open_bundle(crafted(tmp_path, members))


@pytest.mark.parametrize(("change", "why"), [
    ({"kind": "firmware"}, "kind 'firmware'"),
    ({"name": "../x"}, "name"),
    ({"version": "latest"}, "version 'latest'"),
    ({"format": 2}, "format 2"),
    ({"run": "rm -rf /"}, "unknown manifest field"),
    ({"checks": ["sh -c reboot"]}, "checks"),
    ({"cockpit": {"min": "2", "below": "1"}}, "range is empty"),
    ({"variants": []}, "empty"),
])
def test_bad_manifests_are_refused_with_the_field(tmp_path, change, why):
    with pytest.raises(BundleError, match=why):
        open_bundle(crafted(tmp_path, [("payload/a", b"x")], {**THEME.to_json(), **change}))


@pytest.mark.parametrize("data", [b"", b"not a tar at all" * 100, b"\x00" * 10240])
def test_garbage_is_refused(tmp_path, data):
    path = tmp_path / "g.bundle"
    path.write_bytes(data)
    with pytest.raises(BundleError):
        open_bundle(path)


def test_a_folder_is_not_a_bundle(tmp_path):
    with pytest.raises(BundleError, match="folder"):
        open_bundle(tmp_path)


def test_a_bundle_swapped_after_it_was_checked_is_refused_while_extracting(tmp_path):
    bundle = open_bundle(make_bundle(THEME, content(tmp_path), tmp_path / "out"))
    crafted(tmp_path, [("payload/../../evil", b"x")]).replace(bundle.path)
    with pytest.raises(BundleError, match="unsafe name"):
        bundle.extract(tmp_path / "x")
    assert not (tmp_path / "evil").exists()
