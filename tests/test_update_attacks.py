"""The car's verified download against a real HTTP server on 127.0.0.1: the happy path, resuming, and
each of TUF's threats refused with a plain reason and nothing handed over as verified."""

import shutil
import socket
import time
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from securesystemslib.signer import CryptoSigner
from tuf.api.metadata import Metadata, MetaFile, Root, TargetFile

from cockpit.updates import repository
from cockpit.updates.bundle import Manifest, make_bundle
from cockpit.updates.client import Offer, UpdateClient, UpdateError
from cockpit.updates.repository import _load_key
from tests.update_helpers import Quiet, Server

NORDIC = Manifest(kind="theme", name="nordic", version="1.0", summary="A calmer night palette", variants=("suv",))
DAY = Manifest(kind="theme", name="day", version="2.0", summary="For every car")


def bundle(tmp_path: Path, manifest: Manifest, size: int = 200_000) -> Path:
    """A bundle of ``size`` bytes of content that differs per manifest (so hashes differ)."""
    src = tmp_path / f"src-{manifest.file_name}"
    src.mkdir(exist_ok=True)
    seed = manifest.file_name.encode()
    (src / "content.bin").write_bytes((seed * (size // len(seed) + 1))[:size])
    return make_bundle(manifest, src, tmp_path / "bundles")


def make_repo(tmp_path: Path, *manifests: Manifest, now: datetime | None = None) -> Path:
    repo = tmp_path / "repo"
    repository.init(repo, now=now)
    if manifests:
        release(repo, tmp_path, *manifests, now=now)
    return repo


def release(repo: Path, tmp_path: Path, *manifests: Manifest, now: datetime | None = None) -> None:
    for m in manifests:
        repository.add(repo, bundle(tmp_path, m))
    repository.publish(repo, now=now)


def car(tmp_path: Path, repo: Path, url: str, variant: str = "suv", **timeouts) -> UpdateClient:
    """A car built with the repository's first root, as the factory would provision it."""
    metadata = tmp_path / f"car-{variant}" / "metadata"
    if not metadata.exists():
        metadata.mkdir(parents=True)
        shutil.copyfile(repo / "metadata" / "1.root.json", metadata / "root.json")
    return UpdateClient(metadata, tmp_path / f"car-{variant}" / "downloads", url, variant, "0.1.0",
                        **({"connect_timeout": 2, "read_timeout": 2} | timeouts))


def offers_by_name(client: UpdateClient) -> dict[str, Offer]:
    return {o.name: o for o in client.check()}


def nothing_downloaded(client: UpdateClient) -> bool:
    """No bundle in the car's download folder and no partial file kept."""
    return not any(p.is_file() for p in client.download_dir.rglob("*"))


# ----- the happy path, variants, resuming -----

def test_a_car_sees_its_variants_bundles_and_downloads_them_verified(tmp_path):
    repo = make_repo(tmp_path, NORDIC, DAY)
    with Server(repo) as server:
        client = car(tmp_path, repo, server.url)
        offers = offers_by_name(client)
        assert sorted(offers) == ["day", "nordic"]
        nordic = offers["nordic"]
        assert (nordic.kind, nordic.version, nordic.summary, nordic.why_not) == ("theme", "1.0", NORDIC.summary, None)
        assert nordic.path == "suv/theme-nordic-1.0.bundle" and offers["day"].path == "all/theme-day-2.0.bundle"
        seen = []
        path = client.download(nordic, progress=lambda done, total: seen.append((done, total)))
    assert path.read_bytes() == (tmp_path / "bundles" / NORDIC.file_name).read_bytes()
    assert seen[-1] == (nordic.size, nordic.size)
    assert not list((client.download_dir / ".partial").iterdir())


def test_the_newest_version_that_fits_is_offered_with_the_reason_when_none_fits(tmp_path):
    newer = Manifest(kind="theme", name="nordic", version="1.1", variants=("suv",))
    needs_new_cockpit = Manifest(kind="theme", name="nordic", version="2.0", variants=("suv",), cockpit_min="9")
    only_new = Manifest(kind="map", name="helsinki", version="1", cockpit_min="9")
    repo = make_repo(tmp_path, NORDIC)
    release(repo, tmp_path, newer)
    release(repo, tmp_path, needs_new_cockpit, only_new)
    with Server(repo) as server:
        offers = offers_by_name(car(tmp_path, repo, server.url))
    assert offers["nordic"].version == "1.1" and offers["nordic"].why_not is None
    assert "needs cockpit 9 or newer" in offers["helsinki"].why_not


def test_wrong_variant_a_city_car_never_gets_a_suv_only_bundle(tmp_path):
    repo = make_repo(tmp_path, NORDIC, DAY)
    with Server(repo) as server:
        city = car(tmp_path, repo, server.url, variant="city")
        assert list(offers_by_name(city)) == ["day"]
        suv_offer = offers_by_name(car(tmp_path, repo, server.url))["nordic"]
        with pytest.raises(UpdateError, match="not offered to a city car"):
            city.download(suv_offer)
        # the same bundle placed in the city folder by the server: no signed metadata lists it there
        shutil.copytree(repo / "targets" / "suv", repo / "targets" / "city")
        with pytest.raises(UpdateError, match="no signed metadata lists city/theme-nordic-1.0.bundle"):
            city.download(Offer("city/theme-nordic-1.0.bundle", NORDIC, suv_offer.size, None))
    assert nothing_downloaded(city)


class RangeHandler(Quiet, BaseHTTPRequestHandler):
    """Serves ``root`` with Range support; cuts the first target download halfway when ``cut`` is set."""
    root: Path
    cut = True
    ranges: list[str] = []

    def do_GET(self):  # noqa: N802, ANN201
        path = self.root / self.path.lstrip("/")
        if not path.is_file():
            self.send_error(404)
            return
        data = path.read_bytes()
        start = 0
        if (wanted := self.headers.get("Range")) is not None:
            type(self).ranges.append(wanted)
            start = int(wanted.removeprefix("bytes=").rstrip("-"))
            self.send_response(206)
            self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
        else:
            self.send_response(200)
        self.send_header("Content-Length", str(len(data) - start))
        self.end_headers()
        if self.path.startswith("/targets/") and type(self).cut:
            type(self).cut = False
            self.wfile.write(data[:len(data) // 2])
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)  # the connection dies mid-download
            return
        self.wfile.write(data[start:])


def test_an_interrupted_download_resumes_with_a_range_request_and_verifies(tmp_path):
    repo = make_repo(tmp_path, NORDIC)
    handler = type("Handler", (RangeHandler,), {"root": repo, "cut": True, "ranges": []})
    with Server(handler=handler) as server:
        client = car(tmp_path, repo, server.url)
        offer = offers_by_name(client)["nordic"]
        with pytest.raises(UpdateError, match="cut off"):
            client.download(offer)
        kept = list((client.download_dir / ".partial").iterdir())
        assert [p.stat().st_size for p in kept] == [offer.size // 2]
        path = client.download(offer)
    assert handler.ranges == [f"bytes={offer.size // 2}-"]
    assert path.read_bytes() == (tmp_path / "bundles" / NORDIC.file_name).read_bytes()
    assert not list((client.download_dir / ".partial").iterdir())


def test_a_kept_partial_file_that_turns_out_wrong_is_discarded(tmp_path):
    repo = make_repo(tmp_path, NORDIC)
    handler = type("Handler", (RangeHandler,), {"root": repo, "cut": True, "ranges": []})
    with Server(handler=handler) as server:
        client = car(tmp_path, repo, server.url)
        offer = offers_by_name(client)["nordic"]
        with pytest.raises(UpdateError, match="cut off"):
            client.download(offer)
        [partial] = (client.download_dir / ".partial").iterdir()
        partial.write_bytes(b"\xff" * partial.stat().st_size)  # what was kept got damaged
        with pytest.raises(UpdateError, match="does not match its signed hash"):
            client.download(offer)
        assert nothing_downloaded(client)
        path = client.download(offer)  # from the start again, and right this time
    assert path.read_bytes() == (tmp_path / "bundles" / NORDIC.file_name).read_bytes()


# ----- TUF's threats -----

def test_arbitrary_software_a_tampered_target_is_refused(tmp_path):
    repo = make_repo(tmp_path, NORDIC)
    [stored] = (repo / "targets" / "suv").iterdir()
    data = bytearray(stored.read_bytes())
    data[-100] ^= 0xFF  # same length, one byte changed
    stored.write_bytes(bytes(data))
    with Server(repo) as server:
        client = car(tmp_path, repo, server.url)
        with pytest.raises(UpdateError, match="does not match its signed hash"):
            client.download(offers_by_name(client)["nordic"])
    assert nothing_downloaded(client)


def test_a_target_no_signed_metadata_lists_is_refused(tmp_path):
    repo = make_repo(tmp_path, NORDIC)
    evil = Manifest(kind="theme", name="evil", version="9", variants=("suv",))
    evil_bundle = bundle(tmp_path, evil)
    info = TargetFile.from_file("suv/" + evil.file_name, str(evil_bundle))
    shutil.copyfile(evil_bundle, repo / "targets" / "suv" / f"{info.hashes['sha256']}.{evil.file_name}")
    with Server(repo) as server:
        client = car(tmp_path, repo, server.url)
        assert "evil" not in offers_by_name(client)
        with pytest.raises(UpdateError, match="no signed metadata lists suv/theme-evil-9.bundle"):
            client.download(Offer(info.path, evil, info.length, None))
    assert nothing_downloaded(client)


def test_rollback_old_metadata_replayed_by_the_server_is_refused(tmp_path):
    repo = make_repo(tmp_path, NORDIC)
    old = tmp_path / "old-copy"
    shutil.copytree(repo, old)  # validly signed, not expired: only older
    release(repo, tmp_path, Manifest(kind="theme", name="nordic", version="1.1", variants=("suv",)))
    served = tmp_path / "served"
    shutil.copytree(repo, served)
    with Server(served) as server:
        client = car(tmp_path, repo, server.url)
        assert offers_by_name(client)["nordic"].version == "1.1"
        shutil.rmtree(served)
        shutil.copytree(old, served)
        with pytest.raises(UpdateError, match="older signed metadata than this car has already seen.*rollback"):
            client.check()


def test_freeze_an_expired_timestamp_is_refused(tmp_path):
    two_days_ago = datetime.now(UTC) - timedelta(days=2)
    repo = make_repo(tmp_path, NORDIC, now=two_days_ago)
    expired = (two_days_ago + timedelta(days=1)).replace(microsecond=0)
    with Server(repo) as server:
        client = car(tmp_path, repo, server.url)
        with pytest.raises(UpdateError, match=f"timestamp expired on {expired:%Y-%m-%d %H:%M} UTC.*frozen"):
            client.check()


def test_mix_and_match_a_role_from_another_publish_is_refused(tmp_path):
    repo = make_repo(tmp_path, NORDIC)
    release(repo, tmp_path, Manifest(kind="theme", name="nordic", version="1.1", variants=("suv",)))
    # the server hands out the first publish's suv role under the second publish's name
    shutil.copyfile(repo / "metadata" / "1.variant-suv.json", repo / "metadata" / "2.variant-suv.json")
    with Server(repo) as server:
        client = car(tmp_path, repo, server.url)
        with pytest.raises(UpdateError, match="2.variant-suv.json does not match what the snapshot signed.*mix-and"):
            client.check()


class EndlessHandler(Quiet, BaseHTTPRequestHandler):
    """Serves ``root``, except that ``endless`` never ends: no length, bytes until the client gives up."""
    root: Path
    endless: str

    def do_GET(self):  # noqa: N802, ANN201
        if self.path != self.endless:
            path = self.root / self.path.lstrip("/")
            body = path.read_bytes() if path.is_file() else None
            self.send_response(200 if body is not None else 404)
            self.send_header("Content-Length", str(len(body or b"")))
            self.end_headers()
            self.wfile.write(body or b"")
            return
        self.send_response(200)
        self.end_headers()
        try:
            while True:
                self.wfile.write(b"x" * 65536)
        except OSError:
            pass  # the client hung up, as it should


def test_endless_data_a_metadata_file_larger_than_allowed_is_refused(tmp_path):
    repo = make_repo(tmp_path, NORDIC)
    handler = type("Handler", (EndlessHandler,), {"root": repo, "endless": "/metadata/timestamp.json"})
    with Server(handler=handler) as server:
        client = car(tmp_path, repo, server.url)
        with pytest.raises(UpdateError, match="timestamp.json: the server sent more than allowed.*endless data"):
            client.check()


def test_endless_data_a_target_longer_than_signed_is_refused(tmp_path):
    repo = make_repo(tmp_path, NORDIC)
    [stored] = (repo / "targets" / "suv").iterdir()
    handler = type("Handler", (EndlessHandler,), {"root": repo, "endless": f"/targets/suv/{stored.name}"})
    with Server(handler=handler) as server:
        client = car(tmp_path, repo, server.url)
        with pytest.raises(UpdateError, match="more than the 20.,... bytes signed for .*endless data"):
            client.download(offers_by_name(client)["nordic"])
    assert nothing_downloaded(client)


class SlowHandler(Quiet, BaseHTTPRequestHandler):
    """Answers at once, then sends a byte every 20 ms: never silent long enough for a read timeout."""

    def do_GET(self):  # noqa: N802, ANN201
        self.send_response(200)
        self.send_header("Content-Length", "16000")
        self.end_headers()
        try:
            for _ in range(16000):
                self.wfile.write(b"{")
                self.wfile.flush()
                time.sleep(0.02)
        except OSError:
            pass


def test_a_slow_server_is_given_up_on(tmp_path):
    repo = make_repo(tmp_path)
    with Server(handler=SlowHandler) as server:
        client = car(tmp_path, repo, server.url, read_timeout=0.3, min_rate=1000)
        with pytest.raises(UpdateError, match="sending 2.root.json too slowly"):
            client.check()


def test_a_dead_server_is_given_up_on(tmp_path):
    repo = make_repo(tmp_path)
    with socket.socket() as listener:  # accepts connections (the kernel does) and never answers
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        client = car(tmp_path, repo, f"http://127.0.0.1:{listener.getsockname()[1]}/", read_timeout=0.3)
        with pytest.raises(UpdateError, match="did not answer within 0.3 s"):
            client.check()
        port = listener.getsockname()[1]
    client = car(tmp_path, repo, f"http://127.0.0.1:{port}/")  # now nothing listens there at all
    with pytest.raises(UpdateError, match="cannot reach the update server"):
        client.check()


def forge(repo: Path, signer: CryptoSigner, role: str = "targets", change=lambda signed: None) -> None:  # noqa: ANN001
    """An attacker's new version of ``role`` (``change`` applied) signed by ``signer``, with a snapshot and
    timestamp that list it (signed with the repository's own online keys: the attacker holds those too)."""
    snapshot_meta = Metadata.from_file(str(repo / "metadata" / "timestamp.json")).signed.snapshot_meta
    snapshot = Metadata.from_file(str(repo / "metadata" / f"{snapshot_meta.version}.snapshot.json"))
    version = snapshot.signed.meta[f"{role}.json"].version
    forged = Metadata.from_file(str(repo / "metadata" / f"{version}.{role}.json"))
    forged.signed.version += 1
    change(forged.signed)
    forged.sign(signer)
    forged.to_file(str(repo / "metadata" / f"{forged.signed.version}.{role}.json"))
    snapshot.signed.meta[f"{role}.json"] = MetaFile(forged.signed.version)
    snapshot.signed.version += 1
    snapshot.sign(_load_key(repo / "keys" / "online" / "snapshot.pem"))
    snapshot.to_file(str(repo / "metadata" / f"{snapshot.signed.version}.snapshot.json"))
    timestamp = Metadata.from_file(str(repo / "metadata" / "timestamp.json"))
    timestamp.signed.snapshot_meta = MetaFile(snapshot.signed.version)
    timestamp.signed.version += 1
    timestamp.sign(_load_key(repo / "keys" / "online" / "timestamp.pem"))
    timestamp.to_file(str(repo / "metadata" / "timestamp.json"))


def test_a_compromised_targets_key_is_no_longer_trusted_once_rotated_away(tmp_path):
    repo = make_repo(tmp_path, NORDIC)
    stolen = _load_key(repo / "keys" / "online" / "targets.pem")
    before = tmp_path / "before"
    shutil.copytree(repo, before)
    forge(before, stolen)  # while the key is still trusted, what it signs is accepted…
    with Server(before) as server:
        assert "nordic" in offers_by_name(car(tmp_path / "a", before, server.url))
    repository.rotate(repo, "targets")
    forge(repo, stolen)  # …after the rotation, it is not
    with Server(repo) as server:
        with pytest.raises(UpdateError, match="targets.json is not signed by enough keys this car trusts"):
            car(tmp_path / "b", repo, server.url).check()


def test_a_root_rotation_with_threshold_reaches_the_car_and_a_forged_root_does_not(tmp_path):
    repo = make_repo(tmp_path, NORDIC)
    with Server(repo) as server:
        client = car(tmp_path, repo, server.url)
        client.check()
        repository.rotate(repo, "root")
        repository.rotate(repo, "root")
        assert "nordic" in offers_by_name(client)
        assert sorted(p.name for p in (client.metadata_dir / "root_history").iterdir()) == [
            "1.root.json", "2.root.json", "3.root.json"]
        # an attacker with one stolen root key and three keys of their own signs a root 4
        root = Metadata.from_file(str(repo / "metadata" / "root.json"))
        stolen = _load_key(next((repo / "keys" / "offline").glob("root-*.pem")))
        for keyid in list(root.signed.roles[Root.type].keyids):
            root.signed.revoke_key(keyid, Root.type)
        mine = [CryptoSigner.generate_ed25519() for _ in range(3)]
        for signer in mine:
            root.signed.add_key(signer.public_key, Root.type)
        root.signed.version += 1
        for signer in [stolen, *mine]:
            root.sign(signer, append=True)
        root.to_file(str(repo / "metadata" / "4.root.json"))
        with pytest.raises(UpdateError, match="4.root.json is not signed by enough keys this car trusts"):
            client.check()


def test_an_expired_root_on_the_car_says_the_maker_must_sign_a_new_one(tmp_path):
    long_ago = datetime.now(UTC) - timedelta(days=400)
    repo = make_repo(tmp_path, NORDIC, now=long_ago)
    with Server(repo) as server:
        client = car(tmp_path, repo, server.url)
        with pytest.raises(UpdateError, match=f"trusted root expired on {long_ago + timedelta(days=365):%Y-%m-%d}"):
            client.check()
        repository.rotate(repo, "root")  # a new root (valid a year from now) reaches the car…
        repository.refresh_timestamp(repo)
        assert "nordic" in offers_by_name(client)  # …and the car is served again


def test_a_server_that_is_no_update_repository_and_a_car_without_a_root_are_told_apart(tmp_path):
    repo = make_repo(tmp_path)
    (tmp_path / "empty").mkdir()
    with Server(tmp_path / "empty") as server:
        with pytest.raises(UpdateError, match="answered HTTP 404 for timestamp.json; nothing was installed"):
            car(tmp_path, repo, server.url).check()
        unprovisioned = UpdateClient(tmp_path / "new-car", tmp_path / "dl", server.url, "suv", "0.1.0")
        with pytest.raises(UpdateError, match="this car has no trusted root"):
            unprovisioned.check()
    for variant, version in (("../suv", "0.1.0"), ("all", "0.1.0"), ("suv", "one")):
        with pytest.raises(UpdateError):
            UpdateClient(tmp_path / "m", tmp_path / "d", "http://127.0.0.1:9/", variant, version)


def test_after_every_online_key_is_rotated_the_car_follows_and_an_old_variant_key_is_refused(tmp_path):
    repo = make_repo(tmp_path, NORDIC)
    stolen = _load_key(repo / "keys" / "online" / "variant-suv.pem")
    with Server(repo) as server:
        client = car(tmp_path, repo, server.url)
        client.check()
        for role in ("timestamp", "snapshot", "targets", "variant-suv"):
            repository.rotate(repo, role)
        assert "nordic" in offers_by_name(client)
        forge(repo, stolen, "variant-suv")
        with pytest.raises(UpdateError, match="variant-suv.json is not signed by enough keys this car trusts"):
            client.check()


def test_a_signed_entry_whose_manifest_names_another_file_is_neither_offered_nor_saved(tmp_path):
    repo = make_repo(tmp_path, NORDIC)
    [stored] = (repo / "targets" / "suv").iterdir()

    def misnamed(signed):  # noqa: ANN001 - the suv role's own key lists the bundle under a path of its choosing
        entry = signed.targets["suv/theme-nordic-1.0.bundle"]
        signed.targets["suv/.."] = TargetFile(entry.length, entry.hashes, "suv/..", entry.unrecognized_fields)
        shutil.copyfile(stored, repo / "targets" / "suv" / f"{entry.hashes['sha256']}...")

    forge(repo, _load_key(repo / "keys" / "online" / "variant-suv.pem"), "variant-suv", misnamed)
    with Server(repo) as server:
        client = car(tmp_path, repo, server.url)
        assert [o.path for o in client.check()] == ["suv/theme-nordic-1.0.bundle"]
        with pytest.raises(UpdateError, match="the signed entry for suv/.. has no usable manifest"):
            client.download(Offer("suv/..", NORDIC, stored.stat().st_size, None))
    assert nothing_downloaded(client)
