"""The car's update set-up: which server it asks, the root it trusts, and one update run end to end.

Under ``data_dir()/updates/`` beside the A/B slots (slots.py)::

    server.json      {"url": …}: the maker's repository, set once by ``cockpit update setup``
    tuf/root.json    the trust anchor: the maker's root, given when the car was built; ngclient keeps
                     the newer roles it verified beside it
    downloads/       verified bundles waiting to be installed; .partial/ resumes a cut download

``CarUpdates`` is the car's UpdateService (service.py): the verified download (client.py) and the A/B
install (slots.py) behind the Software page and ``cockpit update``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cockpit.files import InputFileError, read_regular, write_atomically
from cockpit.profiles.store import data_dir as default_data_dir

from . import slots
from .bundle import BundleError, Manifest, newer, open_bundle
from .service import Installed, InstallResult, Phase, UpdateError
from .slots import running_version, updates_dir

if TYPE_CHECKING:  # python-tuf loads with the client, on the first check: not while the cockpit starts (~0.2 s)
    from .client import Offer, Progress, UpdateClient

MAX_ROOT_BYTES = 512 * 1024
MAX_CONFIG_BYTES = 16 * 1024


@dataclass(frozen=True)
class Candidate:
    """An offer beside what the car has of the same kind and name."""
    offer: Offer
    installed: str | None  # the active version, None if never installed

    @property
    def new(self) -> bool:
        """Newer than what is installed, and fits this car."""
        return self.offer.why_not is None and newer(self.offer.version, self.installed)


def setup(server: str, root_file: Path | str, data_dir: Path | str | None = None) -> Path:
    """Give the car its update server and trust anchor (the maker's ``metadata/root.json``)."""
    from tuf.api.exceptions import RepositoryError as TufRepositoryError
    from tuf.api.metadata import Metadata, Root

    if not server.startswith(("http://", "https://")) or len(server) > 2000:
        raise UpdateError(f"{server[:100]!r} is not an http:// or https:// address")
    try:
        raw = read_regular(root_file, MAX_ROOT_BYTES, "a root metadata file")
        root = Metadata[Root].from_bytes(raw)
        root.verify_delegate(Root.type, root)  # signed by its own threshold, as every later root must be
    except InputFileError as exc:
        raise UpdateError(str(exc)) from None
    except (TufRepositoryError, ValueError, TypeError, KeyError) as exc:
        raise UpdateError(f"{root_file}: not a root signed by its own keys ({exc})") from None
    folder = updates_dir(data_dir)
    write_atomically(folder / "tuf" / "root.json", raw)
    write_atomically(folder / "server.json", json.dumps({"url": server}))
    return folder


class CarUpdates:
    """The car's UpdateService (cockpit/updates/service.py): updates for this ``variant`` from the server set up
    in ``data_dir``. ``parked()`` says whether the car is in P, asked again by the install itself (content
    for the driving screens installs only then, whoever asks)."""

    def __init__(self, variant: str, data_dir: Path | str | None = None, parked: Callable[[], bool] = lambda: False,
                 **client_options: float):
        self.data_dir = default_data_dir(data_dir)
        self.variant = variant
        self._parked = parked
        folder = updates_dir(self.data_dir)
        try:
            config = json.loads(read_regular(folder / "server.json", MAX_CONFIG_BYTES, "the update settings"))
            url = config["url"]
            if not isinstance(url, str):
                raise TypeError("url is not text")
        except InputFileError:
            raise UpdateError("no update server set up on this car: run 'cockpit update setup --server URL "
                              "--root ROOT.json'") from None
        except (ValueError, TypeError, KeyError) as exc:
            raise UpdateError(f"{folder / 'server.json'}: unreadable update settings ({exc})") from None
        self.server = url
        self._folder, self._options = folder, client_options
        self._client: UpdateClient | None = None

    @property
    def client(self) -> UpdateClient:
        if self._client is None:
            from .client import UpdateClient

            self._client = UpdateClient(self._folder / "tuf", self._folder / "downloads", self.server, self.variant,
                                        running_version(), **self._options)
        return self._client

    def check(self) -> list[Offer]:
        """What the server offers this car: per kind and name the newest that fits (or why none does)."""
        return self.client.check()

    def candidates(self) -> list[Candidate]:
        """The offers, each beside the installed version."""
        active = {(i.kind, i.name): i.version for i in self.installed()}
        return [Candidate(offer, active.get((offer.kind, offer.name))) for offer in self.check()]

    def download(self, offer: Offer, progress: Progress | None = None) -> Path:
        """The verified bundle (resumed if an earlier try was cut); UpdateError saying why not."""
        return self.client.download(offer, progress)

    def install(self, bundle: Path, phase: Phase | None = None) -> InstallResult:
        """Install a downloaded bundle A/B with its checks; the bundle file is removed after, whatever happened.
        Checks run before the switch, so a failure leaves the car on what it had (never ``rolled_back``)."""
        try:
            r = slots.install(bundle, parked=self._parked(), data_dir=self.data_dir, variant=self.variant,
                              phase=phase)
        except slots.SlotError as exc:
            manifest = _manifest_or_none(bundle)
            kind, name = (manifest.kind, manifest.name) if manifest else ("", bundle.name)
            return InstallResult(False, kind, name, self._active(kind, name), str(exc))
        finally:
            bundle.unlink(missing_ok=True)
        return InstallResult(r.ok, r.kind, r.name, r.active or "", r.reason)

    def rollback(self, kind: str, name: str) -> InstallResult:
        try:
            r = slots.rollback(kind, name, data_dir=self.data_dir, reason="asked for on the Software page")
        except slots.SlotError as exc:
            return InstallResult(False, kind, name, self._active(kind, name), str(exc))
        return InstallResult(r.ok, kind, name, r.active or "", r.reason, rolled_back=r.ok)

    def installed(self) -> list[Installed]:
        return [Installed(i.kind, i.name, i.active, i.last_good, i.failed)
                for i in slots.status(self.data_dir) if i.active is not None]

    def needs_park(self, kind: str) -> bool:
        return slots.needs_park(kind)

    def _active(self, kind: str, name: str) -> str:
        return next((i.version for i in self.installed() if (i.kind, i.name) == (kind, name)), "")


def _manifest_or_none(bundle: Path) -> Manifest | None:
    try:
        return open_bundle(bundle).manifest
    except BundleError:
        return None
