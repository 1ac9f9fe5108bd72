"""The car's side of updates: what the maker's TUF repository offers this car, and downloading it verified.

python-tuf's ``ngclient.Updater`` does the verifying (root rotation, thresholds, expiry, rollback and
mix-and-match checks, lengths and hashes). This module adds what a car needs around it:

- an HTTP fetcher of its own (http.client, no extra dependency) with a connect timeout, a read timeout
  and a lowest acceptable speed, so a dead or dribbling server fails in bounded time;
- resuming a bundle download that was cut off: the bytes received are kept in a partial file and the
  next try asks for the rest with an HTTP Range request; the final hash check still covers every byte,
  and a partial file that turns out wrong is thrown away;
- the listing of what is offered to this car's variant (its role's folder and ``all/``), newest per kind
  and name, each with why it does not fit when it does not;
- one exception, ``UpdateError``, whose message a driver or a maker understands.

The trust anchor is ``metadata_dir/root.json``, the maker's root copied into the car when it was built.
"""

from __future__ import annotations

import hashlib
import http.client
import logging
import os
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from urllib.parse import quote, urljoin, urlsplit

from tuf.api import exceptions
from tuf.api.metadata import Metadata, TargetFile
from tuf.ngclient import FetcherInterface, Updater, UpdaterConfig

from cockpit.files import InputFileError, read_regular
from cockpit.updates.bundle import MAX_BUNDLE_BYTES, BundleError, Manifest, open_bundle, parse_version
from cockpit.updates.repository import ALL, folder_of, role_for_variant
from cockpit.updates.service import UpdateError  # defined without python-tuf, so the cockpit starts without it

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_S = 10.0
READ_TIMEOUT_S = 30.0  # the longest silence between two pieces of a response
MIN_BYTES_PER_S = 2048  # slower than this on average after READ_TIMEOUT_S: given up as a slow-retrieval attack
CHUNK = 64 * 1024
MAX_REDIRECTS = 3
MAX_ROLE_BYTES = 64 * 1024 * 1024  # a kept role re-read for its names (ngclient bounded it by its signed length)
NOTHING = "nothing was installed"
VARIANT = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")  # as a bundle's manifest names variants

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Offer:
    """A bundle the repository offers this car."""
    path: str  # the target's path in the repository, e.g. "suv/theme-nordic-1.2.0.bundle"
    manifest: Manifest
    size: int  # bytes, from the signed metadata
    why_not: str | None  # Manifest.fits(): why it does not fit this car; None when it does

    @property
    def kind(self) -> str:
        return self.manifest.kind

    @property
    def name(self) -> str:
        return self.manifest.name

    @property
    def version(self) -> str:
        return self.manifest.version

    @property
    def summary(self) -> str:
        return self.manifest.summary


class HttpFetcher(FetcherInterface):
    """Plain HTTP(S) with bounded waits, resuming target downloads from ``partial_dir``.

    ``resumable``: the URL prefix of the files worth resuming (the targets); metadata is small, and
    ``timestamp.json`` changes under the same name, so it is always fetched whole."""

    def __init__(self, partial_dir: Path, resumable: str, connect_timeout: float = CONNECT_TIMEOUT_S,
                 read_timeout: float = READ_TIMEOUT_S, min_rate: float = MIN_BYTES_PER_S):
        self.partial_dir = Path(partial_dir)
        self.resumable = resumable
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self.min_rate = min_rate
        self.progress: Progress | None = None
        self.last_url = ""  # what was being fetched when something went wrong
        self.metadata: dict[str, bytes] = {}  # the last body of each metadata file (to say when it expired)

    def _fetch(self, url: str) -> Iterator[bytes]:
        conn, response, _ = self._open(url, 0)
        return self._chunks(conn, response)

    def download_bytes(self, url: str, max_length: int) -> bytes:
        self.last_url = url
        data = super().download_bytes(url, max_length)
        self.metadata[_metadata_name(url)] = data
        return data

    @contextmanager
    def download_file(self, url: str, max_length: int) -> Iterator[IO[bytes]]:
        self.last_url = url
        if not url.startswith(self.resumable):
            with super().download_file(url, max_length) as f:
                yield f
            return
        self.partial_dir.mkdir(parents=True, exist_ok=True)
        # The URL holds the content's hash (consistent snapshots): a partial file of it is part of that content.
        partial = self.partial_dir / f"{hashlib.sha256(url.encode()).hexdigest()[:32]}.part"
        have = partial.stat().st_size if partial.exists() else 0
        if have > max_length:
            partial.unlink()
            have = 0
        if have < max_length:
            self._resume(url, partial, have, max_length)
        try:
            with open(partial, "rb") as f:
                yield f  # ngclient checks length and hashes here
        except BaseException:
            partial.unlink(missing_ok=True)  # bytes that do not verify are not worth resuming
            raise
        partial.unlink()

    def _resume(self, url: str, partial: Path, have: int, max_length: int) -> None:
        conn, response, start = self._open(url, have)
        if start != have:  # the server sent the whole file, refused the range or answered another: begin again
            partial.unlink(missing_ok=True)
            if start != 0:
                conn.close()
                conn, response, start = self._open(url, 0)
        with open(partial, "ab") as out:
            done = start
            for chunk in self._chunks(conn, response):
                done += len(chunk)
                if done > max_length:
                    out.close()
                    partial.unlink()
                    raise exceptions.DownloadLengthMismatchError(
                        f"the server sent more than the {max_length:,} bytes signed for {_file_name(url)}")
                out.write(chunk)
                if self.progress is not None:
                    self.progress(done, max_length)

    def _open(self, url: str, offset: int) -> tuple[http.client.HTTPConnection, http.client.HTTPResponse, int | None]:
        """A response for ``url`` from byte ``offset`` and where its body starts (0: the whole file,
        None: the range was refused)."""
        for _ in range(MAX_REDIRECTS + 1):
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise exceptions.DownloadError(f"{url}: not an http or https address")
            kind = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
            conn = kind(parts.hostname, parts.port, timeout=self.connect_timeout)
            try:
                conn.connect()
                conn.sock.settimeout(self.read_timeout)
                conn.request("GET", (parts.path or "/") + (f"?{parts.query}" if parts.query else ""),
                             headers={"Range": f"bytes={offset}-"} if offset else {})
                response = conn.getresponse()
            except TimeoutError:
                waited = self.connect_timeout if conn.sock is None else self.read_timeout
                conn.close()
                raise exceptions.SlowRetrievalError(
                    f"the update server {parts.netloc} did not answer within {waited:g} s") from None
            except (OSError, http.client.HTTPException) as exc:
                conn.close()
                raise exceptions.DownloadError(f"cannot reach the update server {parts.netloc}: {exc}") from None
            if response.status in (301, 302, 303, 307, 308) and response.getheader("Location"):
                url = urljoin(url, response.getheader("Location"))
                conn.close()
                continue
            if response.status == 416 and offset:
                conn.close()
                return conn, response, None
            if response.status >= 400:
                conn.close()
                raise exceptions.DownloadHTTPError(
                    f"the update server answered HTTP {response.status} for {_file_name(url)}", response.status)
            return conn, response, _range_start(response) if response.status == 206 else 0
        raise exceptions.DownloadError(f"the update server redirected more than {MAX_REDIRECTS} times")

    def _chunks(self, conn: http.client.HTTPConnection, response: http.client.HTTPResponse) -> Iterator[bytes]:
        """The body, piece by piece as it arrives; slower than ``min_rate`` on average (after a first
        ``read_timeout``) is a slow-retrieval attack, given up on."""
        started, received = time.monotonic(), 0
        try:
            while True:
                try:
                    chunk = response.read1(CHUNK)
                except TimeoutError:
                    raise exceptions.SlowRetrievalError(
                        f"the update server stopped sending {_file_name(self.last_url)} for "
                        f"{self.read_timeout:g} s") from None
                except (OSError, http.client.HTTPException) as exc:
                    raise exceptions.DownloadError(f"the download of {_file_name(self.last_url)} was cut off "
                                                   f"({exc or type(exc).__name__})") from None
                if not chunk:
                    if response.length:  # read1, unlike read, does not complain of a body cut short
                        raise exceptions.DownloadError(
                            f"the download of {_file_name(self.last_url)} was cut off "
                            f"({response.length:,} bytes missing)")
                    return
                received += len(chunk)
                yield chunk
                elapsed = time.monotonic() - started
                if elapsed > self.read_timeout and received < self.min_rate * elapsed:
                    raise exceptions.SlowRetrievalError(
                        f"the update server is sending {_file_name(self.last_url)} too slowly "
                        f"({received / elapsed:,.0f} bytes/s, less than {self.min_rate:,.0f})")
        finally:
            conn.close()


def _range_start(response: http.client.HTTPResponse) -> int | None:
    """Where a 206 response's bytes begin (``Content-Range: bytes 100-199/200``), None when unreadable."""
    value = response.getheader("Content-Range", "")
    unit, _, rest = value.partition(" ")
    first = rest.partition("-")[0]
    return int(first) if unit == "bytes" and first.isdigit() else None


def _file_name(url: str) -> str:
    return urlsplit(url).path.rpartition("/")[2] or url


def _metadata_name(url: str) -> str:
    """``…/3.snapshot.json`` → ``snapshot``."""
    name = _file_name(url).removesuffix(".json")
    version, _, role = name.partition(".")
    return role if version.isdigit() and role else name


class UpdateClient:
    """What the maker's repository at ``base_url`` offers a car of ``variant`` running ``cockpit_version``.

    ``metadata_dir`` holds the car's trusted metadata (``root.json`` put there when the car was built);
    bundles are downloaded into ``download_dir`` (``.partial/`` keeps interrupted downloads)."""

    def __init__(self, metadata_dir: Path | str, download_dir: Path | str, base_url: str, variant: str,
                 cockpit_version: str, *, connect_timeout: float = CONNECT_TIMEOUT_S,
                 read_timeout: float = READ_TIMEOUT_S, min_rate: float = MIN_BYTES_PER_S):
        self.metadata_dir = Path(metadata_dir)
        self.download_dir = Path(download_dir)
        base = base_url if base_url.endswith("/") else base_url + "/"
        self.metadata_url, self.targets_url = base + "metadata/", base + "targets/"
        if not isinstance(variant, str) or not VARIANT.fullmatch(variant) or variant == ALL:
            raise UpdateError(f"{variant!r} is not a vehicle variant's name (lower-case letters, digits, dashes)")
        try:
            parse_version(cockpit_version)
        except ValueError as exc:
            raise UpdateError(f"this cockpit's version: {exc}") from None
        self.variant = variant
        self.cockpit_version = cockpit_version
        self.fetcher = HttpFetcher(self.download_dir / ".partial", self.targets_url, connect_timeout,
                                   read_timeout, min_rate)
        self._updater: Updater | None = None

    @property
    def folders(self) -> tuple[str, str]:
        """The target folders this car looks in: its variant's and the one for every car."""
        return folder_of(role_for_variant(self.variant)), ALL

    def check(self) -> list[Offer]:
        """Refresh the signed metadata and list what is offered to this car: per kind and name the newest
        bundle that fits it, or, when none fits, the newest with the reason."""
        with self._errors("checked"):
            self._updater = None  # an Updater whose refresh failed cannot be refreshed again
            updater = self._new_updater()
            updater.refresh()
            self._updater = updater
            offers = [offer for folder in self.folders for offer in self._offers(folder)]
        best: dict[tuple[str, str], Offer] = {}
        for offer in offers:
            key = (offer.kind, offer.name)
            if key not in best or _rank(offer) > _rank(best[key]):
                best[key] = offer
        return sorted(best.values(), key=lambda o: (o.kind, o.name))

    def download(self, offer: Offer, progress: Progress | None = None) -> Path:
        """The verified bundle of ``offer`` in ``download_dir``, resuming an earlier interrupted try;
        ``progress(done, total)`` as bytes arrive."""
        if not offer.path.startswith(tuple(f"{folder}/" for folder in self.folders)):
            raise UpdateError(f"{offer.path} is not offered to a {self.variant} car; {NOTHING}")
        with self._errors("downloaded"):
            if self._updater is None:
                updater = self._new_updater()
                updater.refresh()
                self._updater = updater
            info = self._updater.get_targetinfo(offer.path)  # the signed entry, never the caller's copy
            if info is None:
                raise UpdateError(f"no signed metadata lists {offer.path}; {NOTHING}")
            if info.length > MAX_BUNDLE_BYTES:
                raise UpdateError(f"{offer.path} is signed as {info.length:,} bytes, more than a bundle may have "
                                  f"({MAX_BUNDLE_BYTES:,}); {NOTHING}")
            signed = _signed_manifest(info)
            if signed is None:
                raise UpdateError(f"the signed entry for {offer.path} has no usable manifest; {NOTHING}")
            self.download_dir.mkdir(parents=True, exist_ok=True)
            final = self.download_dir / signed.file_name
            incoming = final.with_name(f".{final.name}.incoming")
            self.fetcher.progress = progress
            try:
                self._updater.download_target(info, str(incoming))
            finally:
                self.fetcher.progress = None
        try:
            manifest = open_bundle(incoming).manifest
        except BundleError as exc:
            incoming.unlink()
            raise UpdateError(f"the signed bundle {offer.path} is not a usable bundle ({exc}); {NOTHING}") from None
        if manifest != signed:
            incoming.unlink()
            raise UpdateError(f"the bundle {offer.path} says it is {manifest.kind} {manifest.name} "
                              f"{manifest.version}, not what its signed entry says; {NOTHING}")
        os.replace(incoming, final)
        return final

    def _new_updater(self) -> Updater:
        if not (self.metadata_dir / "root.json").exists():
            raise UpdateError(f"this car has no trusted root ({self.metadata_dir / 'root.json'}): copy the maker's "
                              "metadata/root.json there when the car is built")
        # bootstrap=None: the car's own root.json is the anchor (provisioned with the car, then only
        # replaced by ngclient with newer roots that the older one signed).
        return Updater(str(self.metadata_dir), self.metadata_url, str(self.download_dir), self.targets_url,
                       self.fetcher, UpdaterConfig(), bootstrap=None)

    def _offers(self, folder: str) -> list[Offer]:
        """The bundles signed for ``folder``: loading its role through a lookup makes ngclient verify and
        keep it; the names come from that kept copy and each entry again from ngclient, verified."""
        updater = self._updater
        updater.get_targetinfo(f"{folder}/")
        role = role_for_variant("*" if folder == ALL else folder)
        try:
            kept = Metadata.from_bytes(read_regular(self.metadata_dir / f"{quote(role, '')}.json",
                                                    MAX_ROLE_BYTES, "a targets role"))
        except InputFileError:
            return []  # no such role: nothing for this folder yet
        offers = []
        for path in kept.signed.targets:
            info = updater.get_targetinfo(path) if path.startswith(f"{folder}/") else None
            manifest = None if info is None else _signed_manifest(info)
            if manifest is None:
                continue
            offers.append(Offer(path, manifest, info.length, manifest.fits(self.cockpit_version, self.variant)))
        return offers

    @contextmanager
    def _errors(self, what: str) -> Iterator[None]:
        """Every failure below as one UpdateError in plain words."""
        try:
            yield
        except UpdateError:
            raise
        except exceptions.ExpiredMetadataError as exc:
            raise UpdateError(self._expired(str(exc))) from None
        except exceptions.EqualVersionNumberError as exc:
            raise UpdateError(f"the update server's metadata cannot be trusted ({exc}); {NOTHING}") from None
        except exceptions.BadVersionNumberError as exc:
            raise UpdateError(f"the update server offered older signed metadata than this car has already seen "
                              f"({exc}) — a rollback attack or an out-of-date mirror; {NOTHING}") from None
        except exceptions.UnsignedMetadataError as exc:
            raise UpdateError(f"{self._current()} is not signed by enough keys this car trusts ({exc}) — forged, "
                              f"or signed with a key the maker has retired; {NOTHING}") from None
        except exceptions.LengthOrHashMismatchError:
            if what == "downloaded" and self.fetcher.last_url.startswith(self.targets_url):
                raise UpdateError(f"the download does not match its signed hash; it was discarded and "
                                  f"{NOTHING}") from None
            raise UpdateError(f"{self._current()} does not match what the snapshot signed — metadata mixed "
                              f"from different publishes (mix-and-match) or a damaged mirror; {NOTHING}") from None
        except exceptions.RepositoryError as exc:
            raise UpdateError(f"the update server's signed metadata cannot be trusted ({exc}); {NOTHING}") from None
        except exceptions.DownloadLengthMismatchError as exc:
            raise UpdateError(f"{self._current()}: the server sent more than allowed ({exc}) — endless data; "
                              f"{NOTHING}") from None
        except exceptions.DownloadHTTPError as exc:
            raise UpdateError(f"{exc}; {NOTHING}") from None
        except exceptions.DownloadError as exc:
            cause = exc.__cause__ or exc
            raise UpdateError(f"the update could not be {what}: {cause}; {NOTHING}") from None
        except (OSError, ValueError, RuntimeError) as exc:  # a full disk, an unwritable metadata folder…
            raise UpdateError(f"the update could not be {what}: {exc}; {NOTHING}") from None

    def _current(self) -> str:
        return _file_name(self.fetcher.last_url) or "the signed metadata"

    def _expired(self, message: str) -> str:
        """ngclient says which role expired, not when: read the date from the metadata it refused."""
        role = next((r for r in ("timestamp", "snapshot", "root") if message.startswith(f"{r}.json")
                     or message == f"Final {r}.json is expired"), message.removeprefix("New ").split(" ")[0])
        when = "an earlier date"
        try:
            data = (self.metadata_dir / "root.json").read_bytes() if role == "root" else self.fetcher.metadata[role]
            when = Metadata.from_bytes(data).signed.expires.strftime("%Y-%m-%d %H:%M UTC")
        except (KeyError, OSError, exceptions.RepositoryError):  # verified a moment ago; the date is a nicety
            pass
        if role == "timestamp":
            return (f"the update server's timestamp expired on {when} — the server may be frozen by an attacker; "
                    f"{NOTHING}")
        if role == "root":
            return f"this car's trusted root expired on {when}; the maker must sign a new root. {NOTHING.capitalize()}"
        return f"the update server's {role} metadata expired on {when} — a frozen or stale server; {NOTHING}"


def _signed_manifest(info: TargetFile) -> Manifest | None:
    """The manifest in a signed entry's ``custom``, if it is one and names the entry's file (the name the
    bundle is saved under comes from it, so never ``..`` or a path); None, logged, otherwise."""
    try:
        manifest = Manifest.from_json(info.custom)
    except (ValueError, TypeError) as exc:
        log.warning("skipping %s: its signed manifest is unusable (%s)", info.path, exc)
        return None
    if info.path.rpartition("/")[2] != manifest.file_name:
        log.warning("skipping %s: its signed manifest names another file, %s", info.path, manifest.file_name)
        return None
    return manifest


def _rank(offer: Offer) -> tuple[bool, tuple[int, ...]]:
    """A bundle that fits beats one that does not; then the newer wins."""
    return offer.why_not is None, offer.manifest.key
