"""The maker's update repository: layout, keys, where bundles go, versions, expiry, re-signing, rotation,
and the 'cockpit release' commands."""

import stat
from datetime import UTC, datetime, timedelta

import pytest
from tuf.api.metadata import Metadata, Root

from cockpit.cli import main
from cockpit.updates import repository
from cockpit.updates.bundle import Manifest
from cockpit.updates.repository import EXPIRY, RepositoryError
from tests.test_update_attacks import DAY, NORDIC, bundle, make_repo, release

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def signed(repo, name):
    """The newest published metadata of role ``name``."""
    if name in ("timestamp", "root"):
        return Metadata.from_file(str(repo / "metadata" / f"{name}.json"))
    snapshot = signed(repo, "timestamp").signed.snapshot_meta.version
    if name == "snapshot":
        return Metadata.from_file(str(repo / "metadata" / f"{snapshot}.snapshot.json"))
    meta = Metadata.from_file(str(repo / "metadata" / f"{snapshot}.snapshot.json")).signed.meta[f"{name}.json"]
    return Metadata.from_file(str(repo / "metadata" / f"{meta.version}.{name}.json"))


def test_init_makes_an_offline_root_of_two_of_three_keys_and_private_key_files(tmp_path):
    repo = make_repo(tmp_path, now=NOW)
    root = signed(repo, "root").signed
    assert (root.roles["root"].threshold, len(root.roles["root"].keyids)) == (2, 3)
    assert root.consistent_snapshot
    assert (repo / "metadata" / "1.root.json").read_bytes() == (repo / "metadata" / "root.json").read_bytes()
    offline = sorted(p.name for p in (repo / "keys" / "offline").iterdir())
    assert len([n for n in offline if n.startswith("root-")]) == 3 and "README.txt" in offline
    assert "offline" in (repo / "keys" / "offline" / "README.txt").read_text()
    keys = [*(repo / "keys" / "offline").glob("*.pem"), *(repo / "keys" / "online").glob("*.pem")]
    assert len(keys) == 6 and all(stat.S_IMODE(k.stat().st_mode) == 0o600 for k in keys)
    assert all(k.read_bytes().startswith(b"-----BEGIN PRIVATE KEY-----") for k in keys)
    with pytest.raises(RepositoryError, match="already holds a repository"):
        repository.init(repo)


def test_each_role_expires_as_the_table_says(tmp_path):
    repo = make_repo(tmp_path, NORDIC, now=NOW)
    for name, period in (("root", EXPIRY["root"]), ("targets", EXPIRY["targets"]), ("variant-suv", EXPIRY["targets"]),
                         ("snapshot", EXPIRY["snapshot"]), ("timestamp", EXPIRY["timestamp"])):
        assert signed(repo, name).signed.expires == NOW + period, name
    assert (EXPIRY["timestamp"], EXPIRY["snapshot"], EXPIRY["targets"], EXPIRY["root"]) == (
        timedelta(days=1), timedelta(days=7), timedelta(days=90), timedelta(days=365))


def test_a_bundle_goes_to_each_variant_it_names_or_to_all_with_its_manifest_signed(tmp_path):
    both = Manifest(kind="theme", name="nordic", version="1.0", summary="calm", variants=("suv", "premium"),
                    cockpit_min="0.1", cockpit_below="2", checks=("themes-check",))
    repo = make_repo(tmp_path)
    assert repository.add(repo, bundle(tmp_path, both)) == ["suv/theme-nordic-1.0.bundle",
                                                            "premium/theme-nordic-1.0.bundle"]
    assert repository.add(repo, bundle(tmp_path, DAY)) == ["all/theme-day-2.0.bundle"]
    assert signed(repo, "timestamp").signed.version == 1  # staged: the cars see nothing yet
    repository.publish(repo)
    delegations = signed(repo, "targets").signed.delegations.roles
    assert {n: r.paths for n, r in delegations.items()} == {
        "variant-suv": ["suv/*"], "variant-premium": ["premium/*"], "all": ["all/*"]}
    target = signed(repo, "variant-premium").signed.targets["premium/theme-nordic-1.0.bundle"]
    assert Manifest.from_json(target.custom) == both
    assert (repo / "targets" / "premium" / f"{target.hashes['sha256']}.theme-nordic-1.0.bundle").is_file()
    assert [p.path for p in repository.listed(repo)] == [
        "all/theme-day-2.0.bundle", "premium/theme-nordic-1.0.bundle", "suv/theme-nordic-1.0.bundle"]


def test_a_version_not_newer_than_one_a_car_can_see_is_refused(tmp_path):
    repo = make_repo(tmp_path, Manifest(kind="theme", name="nordic", version="2.0", variants=("suv",)))
    for version, variants in (("2.0", ("suv",)), ("1.9", ("suv",)), ("1.5", ("*",))):
        with pytest.raises(RepositoryError, match=f"nordic {version} is not newer than 2.0 .*suv/"):
            repository.add(repo, bundle(tmp_path, Manifest(kind="theme", name="nordic", version=version,
                                                           variants=variants)))
    # a city car never sees the suv's 2.0, so a city 1.0 is fine, as is a newer suv one
    repository.add(repo, bundle(tmp_path, Manifest(kind="theme", name="nordic", version="1.0", variants=("city",))))
    repository.add(repo, bundle(tmp_path, Manifest(kind="theme", name="nordic", version="2.0.1", variants=("suv",))))


def test_what_is_not_a_bundle_or_not_staged_is_refused_with_the_reason(tmp_path):
    repo = make_repo(tmp_path)
    (tmp_path / "junk.bundle").write_bytes(b"not a tar")
    with pytest.raises(RepositoryError, match="junk.bundle: not a usable bundle"):
        repository.add(repo, tmp_path / "junk.bundle")
    with pytest.raises(RepositoryError, match="nothing to publish"):
        repository.publish(repo)
    with pytest.raises(RepositoryError, match="a variant may not be called 'all'"):
        repository.add(repo, bundle(tmp_path, Manifest(kind="theme", name="x", version="1", variants=("all",))))
    with pytest.raises(RepositoryError, match="not an update repository"):
        repository.publish(tmp_path / "nowhere")


def test_refresh_timestamp_re_signs_daily_and_renews_roles_near_their_expiry(tmp_path):
    repo = make_repo(tmp_path, NORDIC, now=NOW)
    assert repository.refresh_timestamp(repo, now=NOW + timedelta(hours=20)) == ["timestamp"]
    timestamp = signed(repo, "timestamp").signed
    assert (timestamp.version, timestamp.expires) == (3, NOW + timedelta(hours=20) + EXPIRY["timestamp"])
    assert repository.refresh_timestamp(repo, now=NOW + timedelta(days=4)) == ["snapshot", "timestamp"]
    later = NOW + timedelta(days=50)  # past half of the targets roles' 90 days
    assert repository.refresh_timestamp(repo, now=later) == ["targets", "variant-suv", "snapshot", "timestamp"]
    assert signed(repo, "variant-suv").signed.expires == later + EXPIRY["targets"]
    assert signed(repo, "variant-suv").signed.version == 2


def test_rotating_root_signs_the_new_root_with_the_old_and_new_thresholds(tmp_path):
    repo = make_repo(tmp_path)
    old = signed(repo, "root").signed
    new_keyid = repository.rotate(repo, "root")
    new = signed(repo, "root")
    assert new.signed.version == 2 and new_keyid in new.signed.roles["root"].keyids
    retired = old.roles["root"].keyids[0]
    assert retired not in new.signed.roles["root"].keyids
    old.verify_delegate(Root.type, new.signed_bytes, new.signatures)  # a car holding root 1 accepts root 2
    new.signed.verify_delegate(Root.type, new.signed_bytes, new.signatures)
    assert len(list((repo / "keys" / "offline").glob("root-*.pem"))) == 3  # the retired key file is gone


def test_rotation_needs_the_offline_root_keys(tmp_path):
    repo = make_repo(tmp_path)
    for key in list((repo / "keys" / "offline").glob("root-*.pem"))[:2]:
        key.unlink()  # only one root key at hand: below the threshold of 2
    with pytest.raises(RepositoryError, match="threshold of 2 keys: bring the offline root keys"):
        repository.rotate(repo, "targets")


def test_rotating_a_variants_role_changes_its_delegated_key(tmp_path):
    repo = make_repo(tmp_path, NORDIC)
    before = signed(repo, "targets").signed.delegations.roles["variant-suv"].keyids
    keyid = repository.rotate(repo, "variant-suv")
    after = signed(repo, "targets").signed
    assert after.delegations.roles["variant-suv"].keyids == [keyid] != before
    suv = signed(repo, "variant-suv")
    after.verify_delegate("variant-suv", suv.signed_bytes, suv.signatures)
    with pytest.raises(RepositoryError, match="no role 'variant-city'"):
        repository.rotate(repo, "variant-city")


def test_status_lists_every_role_with_its_version_and_expiry(tmp_path):
    repo = make_repo(tmp_path, NORDIC, now=NOW)
    release(repo, tmp_path, DAY, now=NOW)
    rows = {r.name: r for r in repository.status(repo)}
    assert list(rows) == ["root", "targets", "all", "variant-suv", "snapshot", "timestamp"]
    assert (rows["root"].threshold, len(rows["root"].keyids)) == (2, 3)
    assert rows["timestamp"].version == 3 and rows["timestamp"].expires == NOW + EXPIRY["timestamp"]
    assert not any(r.staged for r in rows.values())


def test_the_release_commands_make_fill_and_sign_a_repository(tmp_path, capsys):
    repo, content = tmp_path / "repo", tmp_path / "content"
    content.mkdir()
    (content / "nordic.tokens.json").write_text("{}")
    assert main(["release", "init", "--repo", str(repo)]) == 0
    assert main(["release", "bundle", "--kind", "theme", "--name", "nordic", "--version", "1.0", "--variant", "suv",
                 "--summary", "calm", "--check", "themes-check", str(content), "--out", str(tmp_path / "out")]) == 0
    made = tmp_path / "out" / "theme-nordic-1.0.bundle"
    assert made.is_file()
    assert main(["release", "add", str(made), "--repo", str(repo)]) == 0
    assert main(["release", "publish", "--repo", str(repo)]) == 0
    assert main(["release", "refresh-timestamp", "--repo", str(repo)]) == 0
    assert main(["release", "rotate", "snapshot", "--repo", str(repo)]) == 0
    capsys.readouterr()
    assert main(["release", "status", "--repo", str(repo)]) == 0
    out = capsys.readouterr().out
    assert "variant-suv" in out and "suv/theme-nordic-1.0.bundle  theme nordic 1.0" in out and "— calm" in out


@pytest.mark.parametrize(("argv", "why"), [
    (["release", "add", "{bundle}", "--repo", "{repo}"], "is not newer than 1.0"),
    (["release", "publish", "--repo", "{repo}"], "nothing to publish"),
    (["release", "rotate", "nobody", "--repo", "{repo}"], "no role 'nobody'"),
    (["release", "init", "--repo", "{repo}"], "already holds a repository"),
    (["release", "bundle", "--kind", "theme", "--name", "Bad Name", "--version", "1", "{tmp}", "--out", "{tmp}"],
     "is not lower-case letters"),
    (["release", "status", "--repo", "{tmp}/none"], "not an update repository"),
])
def test_a_release_mistake_is_one_line_and_status_2(tmp_path, capsys, argv, why):
    repo = make_repo(tmp_path, NORDIC)
    names = {"repo": str(repo), "tmp": str(tmp_path), "bundle": str(tmp_path / "bundles" / NORDIC.file_name)}
    capsys.readouterr()
    assert main([a.format(**names) for a in argv]) == 2
    err = capsys.readouterr().err
    assert why in err and err.count("\n") == 1 and err.startswith("cockpit: ")
