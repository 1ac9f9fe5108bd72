"""Update bundles: one versioned archive of content for the car, with a manifest that says what it is.

A bundle is an uncompressed POSIX tar (the transport is already signed and hashed by TUF; compressing
would only add a decompression bomb to guard against) holding ``manifest.json`` first and the
content under ``payload/``. The manifest says the bundle's kind, name and version, which cockpit
versions and vehicle variants it fits, a line of what is new, and which of the car's own checks must
pass once it is installed. It never names a command: checks are looked up by name in the car's
registry, so a bundle cannot make the car run anything the car does not already have.

Reading a bundle is bounded: its size, its member count, each name (no absolute paths, no ``..``,
no links, devices or FIFOs) and the manifest's size and shape are checked before anything is
extracted, and every refusal says which bundle and why (``BundleError``).
"""

from __future__ import annotations

import io
import json
import re
import tarfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from cockpit.files import InputFileError, open_regular

FORMAT = 1
MANIFEST = "manifest.json"
PAYLOAD = "payload"
SUFFIX = ".bundle"

MAX_BUNDLE_BYTES = 256 * 1024 * 1024  # the cockpit's own wheel is ~10 MB and a city's map extract ~100 MB
MAX_MEMBERS = 10_000
MAX_MANIFEST_BYTES = 64 * 1024
MAX_NAME_CHARS = 255

# What each kind of bundle holds (the payload's shape is checked by the car's checks, not here).
KINDS = {
    "theme": "design-token themes (*.tokens.json)",
    "voice-sentences": "voice sentence files (sentences/<language>/*.yaml)",
    "can-mapping": "a CAN database and its mapping to signals (*.dbc, *.yaml)",
    "map": "an OpenStreetMap extract (*.osm.pbf)",
    "kiosk-tour": "a kiosk demo tour (tour.yaml)",
    "cockpit": "the cockpit itself (a wheel, cockpit-*.whl)",
}

NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")  # a bundle's name, also its folder on the car
_VERSION = re.compile(r"\d{1,6}(\.\d{1,6}){0,3}")
_CHECK = re.compile(r"[a-z][a-z0-9-]{0,63}")


class BundleError(ValueError):
    """A bundle that cannot be used; the message names it and says why."""


def parse_version(text: str) -> tuple[int, ...]:
    """``"1.4.0"`` → ``(1, 4, 0)``, compared numerically (``1.10`` is newer than ``1.9``)."""
    if not isinstance(text, str) or not _VERSION.fullmatch(text):
        raise ValueError(f"version {text!r} is not 1 to 4 dot-separated numbers, e.g. 1.4.0")
    parts = tuple(int(p) for p in text.split("."))
    return parts + (0,) * (4 - len(parts))  # 1.4 and 1.4.0 are the same version


def newer(version: str, than: str | None) -> bool:
    """Whether ``version`` is newer than ``than`` (None: nothing installed, so any version is)."""
    return than is None or parse_version(version) > parse_version(than)


@dataclass(frozen=True)
class Manifest:
    kind: str
    name: str
    version: str
    summary: str = ""
    cockpit_min: str = "0"  # the oldest cockpit version it fits (inclusive)
    cockpit_below: str | None = None  # the first cockpit version it no longer fits (None: no limit)
    variants: tuple[str, ...] = ("*",)  # vehicle variants it fits; "*" for all
    checks: tuple[str, ...] = field(default_factory=tuple)

    @property
    def key(self) -> tuple[int, ...]:
        return parse_version(self.version)

    @property
    def file_name(self) -> str:
        return f"{self.kind}-{self.name}-{self.version}{SUFFIX}"

    def fits(self, cockpit_version: str, variant: str) -> str | None:
        """Why this bundle does not fit a car running ``cockpit_version`` built as ``variant``; None if it fits."""
        have = parse_version(cockpit_version)
        if have < parse_version(self.cockpit_min):
            return f"needs cockpit {self.cockpit_min} or newer (this car runs {cockpit_version})"
        if self.cockpit_below is not None and have >= parse_version(self.cockpit_below):
            return f"is for cockpit versions before {self.cockpit_below} (this car runs {cockpit_version})"
        if "*" not in self.variants and variant not in self.variants:
            return f"is for the {', '.join(self.variants)} variant(s), not {variant}"
        return None

    def to_json(self) -> dict[str, Any]:
        return {"format": FORMAT, "kind": self.kind, "name": self.name, "version": self.version,
                "summary": self.summary,
                "cockpit": {"min": self.cockpit_min, "below": self.cockpit_below},
                "variants": list(self.variants), "checks": list(self.checks)}

    @classmethod
    def from_json(cls, data: Any) -> Manifest:
        """A manifest from its parsed JSON; ValueError saying which field is wrong."""
        if not isinstance(data, dict):
            raise ValueError("the manifest is not a JSON object")
        known = {"format", "kind", "name", "version", "summary", "cockpit", "variants", "checks"}
        if unknown := sorted(set(data) - known):
            raise ValueError(f"unknown manifest field(s): {', '.join(unknown)}")
        if data.get("format") != FORMAT:
            raise ValueError(f"manifest format {data.get('format')!r}; this cockpit reads format {FORMAT}")
        kind = data.get("kind")
        if kind not in KINDS:
            raise ValueError(f"kind {kind!r} is not one of {', '.join(KINDS)}")
        name = data.get("name")
        if not isinstance(name, str) or not NAME.fullmatch(name):
            raise ValueError(f"name {name!r} is not lower-case letters, digits and dashes (at most 64)")
        version = data.get("version")
        parse_version(version)
        summary = data.get("summary", "")
        if not isinstance(summary, str) or len(summary) > 2000:
            raise ValueError("summary must be text of at most 2,000 characters")
        fits = data.get("cockpit", {})
        if not isinstance(fits, dict) or set(fits) - {"min", "below"}:
            raise ValueError('"cockpit" must be {"min": VERSION, "below": VERSION or null}')
        low, below = fits.get("min", "0"), fits.get("below")
        parse_version(low)
        if below is not None and parse_version(below) <= parse_version(low):
            raise ValueError(f"cockpit range is empty: min {low}, below {below}")
        variants = _names(data.get("variants", ["*"]), "variants", re.compile(r"\*|[a-z0-9][a-z0-9-]{0,63}"))
        checks = _names(data.get("checks", []), "checks", _CHECK)
        if not variants:
            raise ValueError('"variants" is empty; use ["*"] for every variant')
        return cls(kind, name, version, summary, low, below, variants, checks)


def _names(value: Any, what: str, pattern: re.Pattern) -> tuple[str, ...]:
    if not isinstance(value, list) or len(value) > 64 or not all(
            isinstance(v, str) and pattern.fullmatch(v) for v in value):
        raise ValueError(f'"{what}" must be a list of at most 64 short lower-case names')
    return tuple(value)


def _member_path(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if len(name) > MAX_NAME_CHARS or path.is_absolute() or ".." in path.parts or "\\" in name or "\0" in name:
        raise ValueError(f"member {name[:80]!r} has an unsafe name")
    return path


class Bundle:
    """An opened bundle whose manifest and member list were checked; ``extract`` writes the payload."""

    def __init__(self, path: Path, manifest: Manifest, members: list[tarfile.TarInfo]):
        self.path = path
        self.manifest = manifest
        self._members = members

    @property
    def files(self) -> list[str]:
        """The payload's files, relative to ``payload/``."""
        return [str(PurePosixPath(m.name).relative_to(PAYLOAD)) for m in self._members if m.isfile()]

    @property
    def payload_bytes(self) -> int:
        return sum(m.size for m in self._members if m.isfile())

    def extract(self, dest: Path) -> None:
        """Write the payload's files under ``dest`` (which must not exist yet): folders and regular files only."""
        dest.mkdir(parents=True)
        with open_regular(self.path) as raw, tarfile.open(fileobj=raw, mode="r:") as tar:
            for member in tar:
                if member.name == MANIFEST or member.isdir():
                    continue
                # checked again, not trusted from open_bundle: the file may have been swapped since
                try:
                    name = _member_path(member.name)
                except ValueError as exc:
                    raise BundleError(f"{self.path}: {exc}") from None
                if not member.isfile() or name.parts[0] != PAYLOAD or len(name.parts) < 2:
                    raise BundleError(f"{self.path}: member {member.name!r} changed since the bundle was checked")
                target = dest / name.relative_to(PAYLOAD)
                target.parent.mkdir(parents=True, exist_ok=True)
                source = tar.extractfile(member)
                with open(target, "xb") as out:  # x: a name twice in one archive is not silently overwritten
                    while chunk := source.read(1 << 20):
                        out.write(chunk)


def open_bundle(path: Path | str) -> Bundle:
    """The bundle at ``path``, its manifest and every member checked; BundleError saying why not."""
    path = Path(path)
    try:
        with open_regular(path) as raw:
            size = raw.seek(0, io.SEEK_END)
            if size > MAX_BUNDLE_BYTES:
                raise ValueError(f"{size:,} bytes, more than the {MAX_BUNDLE_BYTES:,} a bundle may have")
            raw.seek(0)
            with tarfile.open(fileobj=raw, mode="r:") as tar:
                return _read(path, tar)
    except InputFileError as exc:
        raise BundleError(str(exc)) from None
    except (ValueError, tarfile.TarError, OSError, UnicodeDecodeError) as exc:
        raise BundleError(f"{path}: not a usable bundle: {exc}") from None


def _read(path: Path, tar: tarfile.TarFile) -> Bundle:
    first = tar.next()
    if first is None or first.name != MANIFEST or not first.isfile():
        raise ValueError(f"the first member must be {MANIFEST}")
    if first.size > MAX_MANIFEST_BYTES:
        raise ValueError(f"{MANIFEST} is larger than {MAX_MANIFEST_BYTES:,} bytes")
    manifest = Manifest.from_json(json.loads(tar.extractfile(first).read().decode("utf-8")))
    members: list[tarfile.TarInfo] = []
    seen: set[PurePosixPath] = set()
    while (member := tar.next()) is not None:  # iterating the TarFile would start again at the manifest
        if len(members) >= MAX_MEMBERS:
            raise ValueError(f"more than {MAX_MEMBERS:,} members")
        name = _member_path(member.name)
        if not (member.isfile() or member.isdir()):
            raise ValueError(f"member {member.name!r} is a link or device; only files and folders are allowed")
        if name.parts[0] != PAYLOAD or (member.isfile() and len(name.parts) < 2):
            raise ValueError(f"member {member.name!r} is outside {PAYLOAD}/")
        if name in seen:
            raise ValueError(f"member {member.name!r} appears twice")
        seen.add(name)
        members.append(member)
    if not any(m.isfile() for m in members):
        raise ValueError(f"{PAYLOAD}/ holds no files")
    return Bundle(path, manifest, members)


def make_bundle(manifest: Manifest, content: Path, out_dir: Path) -> Path:
    """Pack the files under ``content`` with ``manifest`` into ``out_dir``; the bundle's path.

    Deterministic (sorted names, zero times and owners), so the same content gives the same bytes and
    the same TUF hash whoever builds it.
    """
    files = sorted(p for p in content.rglob("*") if p.is_file() and not p.is_symlink())
    if not files:
        raise BundleError(f"{content}: no files to pack")
    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / manifest.file_name
    body = json.dumps(manifest.to_json(), indent=1, sort_keys=True).encode()

    def info(name: str, size: int) -> tarfile.TarInfo:
        entry = tarfile.TarInfo(name)
        entry.size, entry.mode, entry.mtime = size, 0o644, 0
        return entry

    with tarfile.open(out, "w", format=tarfile.PAX_FORMAT) as tar:
        tar.addfile(info(MANIFEST, len(body)), io.BytesIO(body))
        for f in files:
            rel = f.relative_to(content).as_posix()
            with open_regular(f) as data:
                tar.addfile(info(f"{PAYLOAD}/{rel}", f.stat().st_size), data)
    return out
