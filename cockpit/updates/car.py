"""The car's update set-up: which server it asks, the root it trusts, and one update run end to end.

Under ``data_dir()/updates/`` beside the A/B slots (slots.py)::

    server.json      {"url": …}: the maker's repository, set once by ``cockpit update setup``
    tuf/root.json    the trust anchor: the maker's root, given when the car was built; ngclient keeps
                     the newer roles it verified beside it
    downloads/       verified bundles waiting to be installed; .partial/ resumes a cut download

``CarUpdates`` joins the verified download (client.py) to the install (slots.py): what is offered and
newer than what is installed, then download → verify → install → checks → switch or stay.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tuf.api.exceptions import RepositoryError as TufRepositoryError
from tuf.api.metadata import Metadata, Root

from cockpit.files import InputFileError, read_regular
from cockpit.profiles.store import data_dir as default_data_dir

from .bundle import parse_version
from .client import Offer, UpdateClient, UpdateError
from .slots import ItemStatus, Result, running_version, status, updates_dir

MAX_ROOT_BYTES = 512 * 1024
MAX_CONFIG_BYTES = 16 * 1024

Phase = Callable[[str, float], None]  # ("downloading" | "installing", 0…1)


@dataclass(frozen=True)
class Candidate:
    """An offer beside what the car has of the same kind and name."""
    offer: Offer
    installed: str | None  # the active version, None if never installed

    @property
    def new(self) -> bool:
        """Newer than what is installed, and fits this car."""
        return self.offer.why_not is None and (
            self.installed is None or parse_version(self.offer.version) > parse_version(self.installed))


def setup(server: str, root_file: Path | str, data_dir: Path | str | None = None) -> Path:
    """Give the car its update server and trust anchor (the maker's ``metadata/root.json``)."""
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
    (folder / "tuf").mkdir(parents=True, exist_ok=True)
    _write(folder / "tuf" / "root.json", raw)
    _write(folder / "server.json", json.dumps({"url": server}).encode())
    return folder


def _write(path: Path, data: bytes) -> None:
    tmp = path.with_suffix(".tmp")
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    tmp.replace(path)


class CarUpdates:
    """Updates for this car (``variant``), from the server set up in ``data_dir``."""

    def __init__(self, variant: str, data_dir: Path | str | None = None, **client_options: float):
        self.data_dir = default_data_dir(data_dir)
        self.variant = variant
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
        self.client = UpdateClient(folder / "tuf", folder / "downloads", url, variant, running_version(),
                                   **client_options)

    def check(self) -> list[Candidate]:
        """What the server offers this car, each beside the installed version."""
        active = {(item.kind, item.name): item.active for item in status(self.data_dir)}
        return [Candidate(offer, active.get((offer.kind, offer.name))) for offer in self.client.check()]

    def installed(self) -> list[ItemStatus]:
        return status(self.data_dir)

    def install(self, offer: Offer, *, parked: bool, progress: Phase | None = None) -> Result:
        """Download ``offer`` (verified, resumed if cut before), install it A/B with its checks.
        UpdateError or slots.SlotError when it cannot start; a Result with the reason when a check failed."""
        from .slots import install  # noqa: PLC0415 - the same name as this method

        def downloaded(done: int, total: int) -> None:
            if progress is not None:
                progress("downloading", done / total if total else 1.0)

        path = self.client.download(offer, downloaded)
        if progress is not None:
            progress("installing", 0.0)
        try:
            return install(path, parked=parked, data_dir=self.data_dir, variant=self.variant)
        finally:
            path.unlink(missing_ok=True)  # installed or refused, a verified copy is not kept twice
