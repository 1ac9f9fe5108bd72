"""What the Software page needs from the car's updates: one small interface, plain data in and out.

The page's store (``cockpit/hmi/software_store.py``) talks only to an ``UpdateService``; the car's
implementation sits over ``UpdateClient`` (check, download) and the A/B slots (install, health check,
rollback); tests and screenshots use a fake (``tests/fake_updates.py``). Every method may block (network,
disk, a health check): the store calls them on a worker thread, never on the GUI thread, and the
callbacks it passes (``progress``, ``phase``) are called on that worker thread.

Offers are ``cockpit.updates.client.Offer`` (or anything with the same fields: ``path``, ``size``,
``why_not``, ``kind``, ``name``, ``version``, ``summary``). Failures the driver should read are raised as
``UpdateError`` (one line in plain words) or returned in an ``InstallResult``; anything else raised is
a bug, but the page still leaves its busy state and says it failed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # python-tuf is imported with the client: not at the cockpit's start
    from cockpit.updates.client import Offer

# The steps of an install, in order, as ``install`` reports them through ``phase``; "rolling-back"
# only when a step after the switch failed and the car goes back to the last good version.
PHASES = ("unpacking", "checking", "switching", "verifying", "rolling-back")

Progress = Callable[[int, int], None]  # (bytes done, bytes in all)
Phase = Callable[[str], None]  # one of PHASES


class UpdateError(Exception):
    """An update that cannot be checked or downloaded; the message says why in plain words."""


@dataclass(frozen=True)
class InstallResult:
    """How an install or a rollback ended.

    ``version`` is the version of ``kind``/``name`` active now: the new one when ``ok``; after a
    failure, the one the car went back to or stayed on ("" when none was installed before).
    ``rolled_back``: the new version had been switched to and the car went back (a failed health
    check), as opposed to a failure before anything changed. ``reason``: why it failed, in plain words
    ("theme 'nordic': text contrast 2.1:1, below 4.5:1"); "" when ``ok``."""

    ok: bool
    kind: str
    name: str
    version: str
    reason: str = ""
    rolled_back: bool = False


@dataclass(frozen=True)
class Installed:
    """One installed piece of content (a theme, a map, the cockpit itself…).

    ``last_good`` is the version a rollback returns to (None: nothing to go back to); ``failure`` the
    reason the last install of it failed ("" when it did not)."""

    kind: str
    name: str
    version: str
    last_good: str | None = None
    failure: str = ""


class UpdateService(Protocol):
    def check(self) -> Sequence[Offer]:
        """What the maker offers this car now (``Offer``s); raises UpdateError."""

    def download(self, offer: Offer, progress: Progress | None = None) -> Path:
        """The verified bundle of ``offer`` on disk; ``progress(done, total)`` as bytes arrive. Raises UpdateError."""

    def install(self, bundle: Path, phase: Phase | None = None) -> InstallResult:
        """Install a downloaded bundle into the inactive slot, check it, switch, verify; on a failure after
        the switch, go back on its own. ``phase(name)`` as each of PHASES begins."""

    def rollback(self, kind: str, name: str) -> InstallResult:
        """Go back to the last good version of ``kind``/``name``."""

    def installed(self) -> Sequence[Installed]:
        """Everything installed, with its active and last good versions."""

    def needs_park(self, kind: str) -> bool:
        """Whether content of ``kind`` installs only in P (theme, CAN mapping, the cockpit: they change the
        driving screens) — the slots' rule, asked rather than repeated here. A quick lookup: the store asks
        it on the GUI thread."""
