"""The maker's update repository: bundles signed with TUF (python-tuf's metadata API), served as static files.

Layout of a repository folder (everything under ``metadata/`` and ``targets/`` is what a web server or
CDN serves; nothing under ``keys/`` is ever served)::

    metadata/1.root.json …     every root version (a car walks them one by one), root.json the newest
    metadata/N.targets.json    the top-level targets role: no bundles of its own, only delegations
    metadata/N.variant-suv.json  one delegated role per vehicle variant, trusted for ``suv/*`` only
    metadata/N.all.json        the role for bundles that fit every car, trusted for ``all/*``
    metadata/N.snapshot.json   the version and hash of every targets file of one publish
    metadata/timestamp.json    the newest snapshot; re-signed daily (``refresh_timestamp``)
    targets/suv/<sha256>.theme-nordic-1.2.0.bundle   bundles under their hash (consistent snapshots)
    keys/offline/root-*.pem    the root keys (threshold 2 of 3) — in production on offline media
    keys/online/<role>.pem     the keys that sign on every publish
    staged/<role>.json         roles changed by ``add`` or ``rotate`` and not yet published (unsigned)

Consistent snapshots mean a file once published never changes: a car halfway through an update still
finds the files of the publish it started with, and a CDN may cache everything but ``timestamp.json``
forever. A bundle's manifest decides where it goes: ``variants: ["*"]`` under ``all/``, otherwise under
each named variant's folder, signed by that variant's role.

Every refusal is a ``RepositoryError`` saying what and why.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives.serialization import load_pem_private_key
from securesystemslib.signer import CryptoSigner
from tuf.api.exceptions import UnsignedMetadataError
from tuf.api.metadata import (
    DelegatedRole,
    Delegations,
    Metadata,
    MetaFile,
    Root,
    Snapshot,
    TargetFile,
    Targets,
    Timestamp,
)
from tuf.api.serialization import DeserializationError
from tuf.api.serialization.json import JSONSerializer

from cockpit.files import InputFileError, read_regular
from cockpit.updates.bundle import BundleError, Manifest, open_bundle, parse_version

# How long each role's signature is good for. The timestamp is short so that a server frozen by an
# attacker is noticed within a day; the root long because renewing it takes the offline keys out.
EXPIRY = {
    Timestamp.type: timedelta(days=1),
    Snapshot.type: timedelta(days=7),
    Targets.type: timedelta(days=90),  # and every delegated role
    Root.type: timedelta(days=365),
}
ROOT_KEYS = 3
ROOT_THRESHOLD = 2
ALL = "all"  # the delegated role (and target folder) for bundles that fit every variant
VARIANT_ROLE = "variant-"  # a variant's delegated role is "variant-<variant>", trusted for "<variant>/*"
TOP_LEVEL = (Root.type, Targets.type, Snapshot.type, Timestamp.type)
HASH = "sha256"
MAX_KEY_BYTES = 16 * 1024  # an ed25519 PEM is 119 bytes; an RSA one a few KB

_COMPACT = JSONSerializer(compact=True)  # what the cars download: no indentation to pay for on every refresh
OFFLINE_NOTE = """These are the update repository's ROOT keys (any 2 of the 3 sign a new root).

In production they never live on a machine connected to a network: keep each on its own offline
medium (a hardware token or an encrypted USB stick in a safe, held by different people), and bring two
of them together only to sign a new root ('cockpit release rotate ...' or a yearly renewal). Whoever
holds two of them can make every car trust anything.

The keys under ../online/ sign every publish and may live on the publishing machine.
"""


class RepositoryError(ValueError):
    """The repository cannot do what was asked; the message says why."""


@dataclass(frozen=True)
class RoleStatus:
    name: str
    version: int
    expires: datetime
    threshold: int
    keyids: tuple[str, ...]
    staged: bool  # changed and waiting for ``publish``


@dataclass(frozen=True)
class Published:
    """A bundle listed in the repository (published or staged)."""
    path: str  # the target path, e.g. "suv/theme-nordic-1.2.0.bundle"
    role: str
    length: int
    manifest: Manifest


def role_for_variant(variant: str) -> str:
    return ALL if variant == "*" else f"{VARIANT_ROLE}{variant}"


def folder_of(role: str) -> str:
    """The target folder a delegated role is trusted for: ``all`` → ``all``, ``variant-suv`` → ``suv``."""
    return ALL if role == ALL else role.removeprefix(VARIANT_ROLE)


# ----- the folder -----

class _Repo:
    """A repository folder: where each file is, reading the current metadata, writing signed metadata."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.metadata = self.root / "metadata"
        self.targets = self.root / "targets"
        self.offline = self.root / "keys" / "offline"
        self.online = self.root / "keys" / "online"
        self.staged = self.root / "staged"

    def require(self) -> None:
        if not (self.metadata / "timestamp.json").is_file():
            raise RepositoryError(f"{self.root}: not an update repository (no metadata/timestamp.json); "
                                  "make one with 'cockpit release init'")

    def read(self, path: Path) -> Metadata:
        try:
            return Metadata.from_file(str(path))
        except (OSError, DeserializationError) as exc:
            raise RepositoryError(f"{path}: cannot read it ({exc})") from None

    def root_md(self) -> Metadata[Root]:
        return self.read(self.metadata / "root.json")

    def timestamp(self) -> Metadata[Timestamp]:
        return self.read(self.metadata / "timestamp.json")

    def snapshot(self) -> Metadata[Snapshot]:
        return self.read(self.metadata / f"{self.timestamp().signed.snapshot_meta.version}.snapshot.json")

    def targets_roles(self) -> list[str]:
        """``targets`` and every delegated role, published or staged."""
        names = [n.removesuffix(".json") for n in self.snapshot().signed.meta]
        staged = [p.stem for p in sorted(self.staged.glob("*.json"))]
        return [Targets.type, *sorted({*names, *staged} - {Targets.type})]

    def current(self, role: str) -> Metadata[Targets]:
        """The role as it stands: its staged copy if ``add`` or ``rotate`` changed it, else the published one."""
        staged = self.staged / f"{role}.json"
        if staged.exists():
            return self.read(staged)
        meta = self.snapshot().signed.meta.get(f"{role}.json")
        if meta is None:
            raise RepositoryError(f"no role {role!r} in this repository")
        return self.read(self.metadata / f"{meta.version}.{role}.json")

    def stage(self, role: str, md: Metadata[Targets]) -> None:
        """Keep a changed targets role for the next publish; its version goes up once per publish."""
        path = self.staged / f"{role}.json"
        if not path.exists() and self._published(role):
            md.signed.version += 1
        md.signatures.clear()
        self.staged.mkdir(exist_ok=True)
        _write(path, md.to_bytes(JSONSerializer()))

    def _published(self, role: str) -> bool:
        return f"{role}.json" in self.snapshot().signed.meta

    # keys

    def key_path(self, role: str) -> Path:
        return self.online / f"{role}.pem"

    def signer(self, role: str) -> CryptoSigner:
        return _load_key(self.key_path(role))

    def root_signers(self) -> dict[str, CryptoSigner]:
        """The root keys that are here, by key id."""
        signers = [_load_key(p) for p in sorted(self.offline.glob("root-*.pem"))]
        return {s.public_key.keyid: s for s in signers}

    def new_key(self, path: Path) -> CryptoSigner:
        signer = CryptoSigner.generate_ed25519()
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        _write(path, signer.private_bytes, mode=0o600)
        return signer

    def new_root_key(self) -> CryptoSigner:
        signer = CryptoSigner.generate_ed25519()
        self.offline.mkdir(mode=0o700, parents=True, exist_ok=True)
        _write(self.root_key_file(signer.public_key.keyid), signer.private_bytes, mode=0o600)
        return signer

    def root_key_file(self, keyid: str) -> Path:
        return self.offline / f"root-{keyid[:16]}.pem"

    # signing

    def write_root(self, md: Metadata[Root]) -> None:
        """A root version as ``N.root.json`` (cars walk them in order) and as ``root.json`` (to provision cars)."""
        data = md.to_bytes(JSONSerializer())  # indented: the one file a person reads before trusting it
        _write(self.metadata / f"{md.signed.version}.root.json", data)
        _write(self.metadata / "root.json", data)

    def write_signed(self, md: Metadata, name: str, signer: CryptoSigner, now: datetime) -> MetaFile:
        """Sign ``md`` as role ``name`` with a fresh expiry and write it; its MetaFile for the role above."""
        md.signed.expires = _expiry(md.signed.type, now)
        md.sign(signer)
        data = md.to_bytes(_COMPACT)
        file = f"{name}.json" if name == Timestamp.type else f"{md.signed.version}.{name}.json"
        _write(self.metadata / file, data)
        return MetaFile(md.signed.version, len(data), {HASH: hashlib.sha256(data).hexdigest()})


def _write(path: Path, data: bytes, mode: int = 0o644) -> None:
    """Write ``path`` whole or not at all (a temp file renamed over it), with ``mode`` from the first byte."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _load_key(path: Path) -> CryptoSigner:
    try:
        return CryptoSigner(load_pem_private_key(read_regular(path, MAX_KEY_BYTES, "a private key"), None))
    except InputFileError as exc:
        raise RepositoryError(f"{exc} (the key for this role)") from None
    except (ValueError, TypeError, UnsupportedAlgorithm) as exc:
        raise RepositoryError(f"{path}: not a usable private key ({exc})") from None


def _now(now: datetime | None) -> datetime:
    return (now or datetime.now(UTC)).replace(microsecond=0)


def _expiry(role_type: str, now: datetime) -> datetime:
    return now + EXPIRY[role_type]


# ----- what a maker does -----

def init(repo_dir: Path | str, now: datetime | None = None) -> None:
    """A new, empty repository in ``repo_dir``: root (2 of 3 offline keys), targets, snapshot, timestamp."""
    repo, now = _Repo(repo_dir), _now(now)
    if repo.metadata.exists() or repo.root.joinpath("keys").exists():
        raise RepositoryError(f"{repo.root}: already holds a repository (metadata/ or keys/); choose an empty folder")
    for folder in (repo.metadata, repo.targets):
        folder.mkdir(parents=True)
    roots = [repo.new_root_key() for _ in range(ROOT_KEYS)]
    (repo.offline / "README.txt").write_text(OFFLINE_NOTE)
    root = Root(expires=_expiry(Root.type, now), consistent_snapshot=True)
    for signer in roots:
        root.add_key(signer.public_key, Root.type)
    root.roles[Root.type].threshold = ROOT_THRESHOLD
    online = {role: repo.new_key(repo.key_path(role)) for role in (Targets.type, Snapshot.type, Timestamp.type)}
    for role, signer in online.items():
        root.add_key(signer.public_key, role)
    md = Metadata(root)
    for signer in roots:
        md.sign(signer, append=True)
    repo.write_root(md)
    targets = Metadata(Targets(expires=now, delegations=Delegations(keys={}, roles={})))
    snapshot = Metadata(Snapshot(expires=now))
    snapshot.signed.meta = {"targets.json": repo.write_signed(targets, Targets.type, online[Targets.type], now)}
    timestamp = Metadata(Timestamp(expires=now))
    timestamp.signed.snapshot_meta = repo.write_signed(snapshot, Snapshot.type, online[Snapshot.type], now)
    repo.write_signed(timestamp, Timestamp.type, online[Timestamp.type], now)


def listed(repo_dir: Path | str) -> list[Published]:
    """Every bundle in the repository, published or staged, by role then path."""
    repo = _Repo(repo_dir)
    repo.require()
    out = []
    for role in repo.targets_roles()[1:]:
        for path, target in sorted(repo.current(role).signed.targets.items()):
            try:
                manifest = Manifest.from_json(target.custom)
            except ValueError as exc:
                raise RepositoryError(f"{role}: the entry for {path} has no usable manifest ({exc})") from None
            out.append(Published(path, role, target.length, manifest))
    return out


def add(repo_dir: Path | str, bundle_path: Path | str) -> list[str]:
    """Stage a bundle for the next publish: checked, copied under its hash to each folder its manifest's
    variants name (``all/`` for ``*``); its target paths. Refused when it is not newer than a bundle of
    the same kind and name that a car it fits can already see."""
    repo = _Repo(repo_dir)
    repo.require()
    try:
        bundle = open_bundle(bundle_path)
    except BundleError as exc:
        raise RepositoryError(str(exc)) from None
    m = bundle.manifest
    if ALL in m.variants:
        raise RepositoryError(f"{bundle.path}: a variant may not be called {ALL!r} (the folder for every car)")
    roles = [ALL] if "*" in m.variants else [role_for_variant(v) for v in m.variants]
    _refuse_older(repo, m, roles)
    data = bundle.path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    targets = repo.current(Targets.type)
    delegations = targets.signed.delegations
    paths = []
    for role in roles:
        folder = folder_of(role)
        if role not in delegations.roles:  # the first bundle for this variant: its role and key
            key = repo.new_key(repo.key_path(role)).public_key
            delegations.roles[role] = DelegatedRole(role, [], 1, terminating=True, paths=[f"{folder}/*"])
            targets.signed.add_key(key, role)
            repo.stage(Targets.type, targets)
            md = Metadata(Targets(version=1, expires=datetime.now(UTC)))
        else:
            md = repo.current(role)
        path = f"{folder}/{m.file_name}"
        target = TargetFile(len(data), {HASH: digest}, path, unrecognized_fields={"custom": m.to_json()})
        md.signed.targets[path] = target
        (repo.targets / folder).mkdir(exist_ok=True)
        _write(repo.targets / folder / f"{digest}.{m.file_name}", data)
        repo.stage(role, md)
        paths.append(path)
    return paths


def _refuse_older(repo: _Repo, m: Manifest, roles: list[str]) -> None:
    """A car sees its variant's role and ``all``; a bundle for every car is seen by every car."""
    seen_by = set(repo.targets_roles()[1:]) if roles == [ALL] else {*roles, ALL}
    for role in sorted(seen_by & set(repo.targets_roles())):
        for path, target in repo.current(role).signed.targets.items():
            other = target.custom or {}
            if (other.get("kind"), other.get("name")) == (m.kind, m.name) and \
                    parse_version(other["version"]) >= m.key:
                raise RepositoryError(f"{m.kind} {m.name} {m.version} is not newer than {other['version']} "
                                      f"already in the repository ({path}); give the bundle a higher version")


def publish(repo_dir: Path | str, now: datetime | None = None) -> list[str]:
    """Sign what ``add`` or ``rotate`` staged, then a new snapshot and timestamp; the roles signed."""
    repo = _Repo(repo_dir)
    repo.require()
    staged = sorted(p.stem for p in repo.staged.glob("*.json"))
    if not staged:
        raise RepositoryError("nothing to publish: add a bundle first ('cockpit release add')")
    return _publish(repo, _now(now), staged)


def _publish(repo: _Repo, now: datetime, roles: list[str]) -> list[str]:
    root = repo.root_md().signed
    targets = repo.current(Targets.type).signed  # the delegations the new snapshot will go with
    snapshot = repo.snapshot()
    for role in roles:
        md = repo.current(role)
        snapshot.signed.meta[f"{role}.json"] = repo.write_signed(md, role, repo.signer(role), now)
        _check_signed(root if role == Targets.type else targets, role, md)
    snapshot.signed.version += 1
    timestamp = repo.timestamp()
    timestamp.signed.version += 1
    timestamp.signed.snapshot_meta = repo.write_signed(snapshot, Snapshot.type, repo.signer(Snapshot.type), now)
    repo.write_signed(timestamp, Timestamp.type, repo.signer(Timestamp.type), now)
    for role in roles:  # only now: a publish cut short is finished by the next one
        (repo.staged / f"{role}.json").unlink()
    return [*roles, Snapshot.type, Timestamp.type]


def _check_signed(delegator: Root | Targets, role: str, md: Metadata) -> None:
    """What was signed verifies as the cars will verify it (a key file swapped by hand shows here, not in cars)."""
    try:
        delegator.verify_delegate(role, md.signed_bytes, md.signatures)
    except UnsignedMetadataError as exc:
        raise RepositoryError(f"{role}: the key in {role}.pem is not the one the repository trusts ({exc})") from None


def refresh_timestamp(repo_dir: Path | str, now: datetime | None = None) -> list[str]:
    """The daily re-sign: a new timestamp, plus every online role within half its lifetime of expiring
    (snapshot, targets, delegated roles), so a repository nobody publishes to stays valid; the roles signed.
    When a role must be re-signed, whatever is staged is published with it."""
    repo, now = _Repo(repo_dir), _now(now)
    repo.require()
    due = [r for r in repo.targets_roles() if repo.current(r).signed.expires - now < EXPIRY[Targets.type] / 2]
    for role in due:
        if not (repo.staged / f"{role}.json").exists():
            repo.stage(role, repo.current(role))
    if due or repo.snapshot().signed.expires - now < EXPIRY[Snapshot.type] / 2:
        return _publish(repo, now, sorted(p.stem for p in repo.staged.glob("*.json")))
    timestamp = repo.timestamp()
    timestamp.signed.version += 1
    repo.write_signed(timestamp, Timestamp.type, repo.signer(Timestamp.type), now)
    return [Timestamp.type]


def rotate(repo_dir: Path | str, role: str, now: datetime | None = None) -> str:
    """Replace ``role``'s key with a new one and publish; the new key id.

    ``root``: one of the three root keys (the first listed) is replaced, and the new root is signed by
    the old root's threshold and the new one's, so cars trusting the old root accept it. ``targets``,
    ``snapshot``, ``timestamp``: a new root lists the new key (signed by the root keys) and the role is
    signed again with it; from then on cars refuse whatever the old key signs. A delegated role: the
    targets role lists its new key."""
    repo, now = _Repo(repo_dir), _now(now)
    repo.require()
    if role == Root.type:
        return _rotate_root(repo, now)
    delegated = repo.targets_roles()[1:]
    if role not in (Targets.type, Snapshot.type, Timestamp.type, *delegated):
        raise RepositoryError(f"no role {role!r}; roles: {', '.join([*TOP_LEVEL, *delegated])}")
    pending = repo.key_path(role).with_suffix(".new")
    new = repo.new_key(pending)  # on disk before anything trusts it: a trusted key is never lost
    try:
        if role in delegated:
            targets = repo.current(Targets.type)
            _replace_keys(targets.signed, role, new)
            repo.stage(Targets.type, targets)
            repo.stage(role, repo.current(role))
        else:
            md = repo.root_md()
            _replace_keys(md.signed, role, new)
            _sign_new_root(repo, md, now, repo.root_signers())
            if role == Targets.type:
                repo.stage(Targets.type, repo.current(Targets.type))
    except BaseException:
        pending.unlink(missing_ok=True)
        raise
    os.replace(pending, repo.key_path(role))  # the old key is gone
    _publish(repo, now, sorted(p.stem for p in repo.staged.glob("*.json")))
    return new.public_key.keyid


def _replace_keys(delegator: Root | Targets, role: str, new: CryptoSigner) -> None:
    for keyid in list(delegator.get_delegated_role(role).keyids):
        delegator.revoke_key(keyid, role)
    delegator.add_key(new.public_key, role)


def _rotate_root(repo: _Repo, now: datetime) -> str:
    md = repo.root_md()
    signers = repo.root_signers()
    retired = md.signed.roles[Root.type].keyids[0]
    new = repo.new_root_key()
    md.signed.revoke_key(retired, Root.type)
    md.signed.add_key(new.public_key, Root.type)
    try:
        _sign_new_root(repo, md, now, {**signers, new.public_key.keyid: new})
    except BaseException:
        repo.root_key_file(new.public_key.keyid).unlink(missing_ok=True)
        raise
    repo.root_key_file(retired).unlink(missing_ok=True)  # a retired root key should not outlive its use
    return new.public_key.keyid


def _sign_new_root(repo: _Repo, md: Metadata[Root], now: datetime, signers: dict[str, CryptoSigner]) -> None:
    """The next root version, signed by every root key at hand, and checked against the old root's
    threshold and its own before it is written (a car checks both)."""
    old = repo.root_md().signed
    md.signed.version += 1
    md.signed.expires = _expiry(Root.type, now)
    md.signatures.clear()
    for signer in signers.values():
        md.sign(signer, append=True)
    for trusted, which in ((old, "old"), (md.signed, "new")):
        try:
            trusted.verify_delegate(Root.type, md.signed_bytes, md.signatures)
        except UnsignedMetadataError:
            raise RepositoryError(f"the new root is not signed by the {which} root's threshold of "
                                  f"{trusted.roles[Root.type].threshold} keys: bring the offline root keys "
                                  f"to {repo.offline}") from None
    repo.write_root(md)


# ----- what a maker reads -----

def status(repo_dir: Path | str) -> list[RoleStatus]:
    """Each role's version, expiry and keys: root, targets, the delegated roles, snapshot, timestamp."""
    repo = _Repo(repo_dir)
    repo.require()
    root = repo.root_md().signed
    staged = {p.stem for p in repo.staged.glob("*.json")}
    rows = [_row(Root.type, root, root.roles[Root.type], False)]
    targets = repo.current(Targets.type).signed
    for name in repo.targets_roles():
        md = repo.current(name).signed
        role = root.roles[Targets.type] if name == Targets.type else targets.delegations.roles[name]
        rows.append(_row(name, md, role, name in staged))
    for name, md in ((Snapshot.type, repo.snapshot().signed), (Timestamp.type, repo.timestamp().signed)):
        rows.append(_row(name, md, root.roles[name], False))
    return rows


def _row(name: str, signed: Any, role: Any, staged: bool) -> RoleStatus:
    return RoleStatus(name, signed.version, signed.expires, role.threshold, tuple(role.keyids), staged)
