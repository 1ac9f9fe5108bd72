"""A fake UpdateService (cockpit/updates/service.py) for the Software page's tests and screenshots.

What it offers and has installed is plain data set by the test; installs succeed, fail before the
switch, or fail the health check and roll back as told (``fail``). A download can stop part-way
(``hold_at``: a fraction) until ``release()`` — a picture of the bar half-way, or a test that checks
what the page says meanwhile. Calls are recorded in ``calls`` (from the worker thread)."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from cockpit.updates.bundle import Manifest
from cockpit.updates.client import Offer, UpdateError
from cockpit.updates.service import Installed, InstallResult

PARKED_ONLY = frozenset({"theme", "can-mapping", "cockpit"})


def offer(kind: str, name: str, version: str, summary: str = "", size: int = 12_000_000,
          why_not: str | None = None) -> Offer:
    return Offer(f"all/{kind}-{name}-{version}.bundle", Manifest(kind, name, version, summary), size, why_not)


@dataclass
class Failure:
    reason: str
    rolled_back: bool = True  # False: it failed before the switch (nothing changed)


@dataclass
class FakeUpdates:
    offers: list[Offer] = field(default_factory=list)
    items: list[Installed] = field(default_factory=list)
    fail: dict[str, Failure] = field(default_factory=dict)  # name -> how its install fails
    check_error: str | None = None  # check() raises UpdateError with this
    download_error: str | None = None
    crash: str | None = None  # "download" / "install": raise a plain exception there (a bug in the service)
    hold_at: float | None = None  # a download stops at this fraction until release()
    chunk: int = 1_000_000
    calls: list[tuple] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._go = threading.Event()
        self.holding = threading.Event()  # set while a download waits at hold_at

    def release(self) -> None:
        self._go.set()

    # ----- UpdateService ------------------------------------------------------------------------

    def needs_park(self, kind: str) -> bool:
        return kind in PARKED_ONLY

    def check(self) -> list[Offer]:
        self.calls.append(("check",))
        if self.check_error:
            raise UpdateError(self.check_error)
        return sorted(self.offers, key=lambda o: (o.kind, o.name))  # as UpdateClient.check lists them

    def installed(self) -> list[Installed]:
        return list(self.items)

    def download(self, offer: Offer, progress=None) -> Path:  # noqa: ANN001
        self.calls.append(("download", offer.name, offer.version))
        if self.crash == "download":
            raise OSError("disk on fire")
        done, total = 0, offer.size
        while done < total:
            step = min(self.chunk, total - done)
            if self.hold_at is not None and done < total * self.hold_at <= done + step:
                step = int(total * self.hold_at) - done
                done += step
                if progress:
                    progress(done, total)
                self.holding.set()
                self._go.wait(30)
                self.holding.clear()
                continue
            done += step
            if progress:
                progress(done, total)
            if self.download_error and done >= total // 2:
                raise UpdateError(self.download_error)
        return Path(f"/nowhere/{offer.manifest.file_name}")

    def install(self, bundle: Path, phase=None) -> InstallResult:  # noqa: ANN001
        kind, name, version = self._parse(bundle)
        self.calls.append(("install", name, version))
        before = self._item(kind, name)
        was = before.version if before else ""
        say = phase or (lambda _: None)
        say("unpacking")
        say("checking")
        if self.crash == "install":
            raise RuntimeError("slot table unreadable")
        failure = self.fail.get(name)
        if failure and not failure.rolled_back:
            self._put(Installed(kind, name, was, before.last_good if before else None, failure.reason))
            return InstallResult(False, kind, name, was, failure.reason, False)
        say("switching")
        say("verifying")
        if failure:
            say("rolling-back")
            self._put(Installed(kind, name, was, before.last_good if before else None, failure.reason))
            return InstallResult(False, kind, name, was, failure.reason, True)
        self._put(Installed(kind, name, version, was or None, ""))
        return InstallResult(True, kind, name, version)

    def rollback(self, kind: str, name: str) -> InstallResult:
        self.calls.append(("rollback", name))
        item = self._item(kind, name)
        if item is None or not item.last_good:
            return InstallResult(False, kind, name, item.version if item else "", "there is no earlier version")
        self._put(Installed(kind, name, item.last_good, None, ""))
        return InstallResult(True, kind, name, item.last_good)

    # ----- helpers --------------------------------------------------------------------------------

    def _parse(self, bundle: Path) -> tuple[str, str, str]:
        for o in self.offers:
            if o.manifest.file_name == bundle.name:
                return o.kind, o.name, o.version
        raise UpdateError(f"{bundle.name} is not a bundle this fake offered")

    def _item(self, kind: str, name: str) -> Installed | None:
        return next((i for i in self.items if (i.kind, i.name) == (kind, name)), None)

    def _put(self, item: Installed) -> None:
        key = (item.kind, item.name)
        if self._item(*key) is None:
            self.items = [*self.items, item]
        else:
            self.items = [item if (i.kind, i.name) == key else i for i in self.items]


def showroom() -> FakeUpdates:
    """What the tests and screenshots start from: a theme, a map and voice sentences on offer."""
    return FakeUpdates(
        offers=[
            offer("theme", "nordic", "1.2.0", "Cooler greys, a calmer night palette and larger speed figures",
                  12_400_000),
            offer("map", "helsinki", "2026.11", "New tram lines and roadworks in central Helsinki", 96_300_000),
            offer("voice-sentences", "en", "1.4.0", "Ask for the nearest charger and for the tyre pressures",
                  1_200_000),
        ],
        items=[
            Installed("theme", "nordic", "1.1.0", "1.0.0"),
            Installed("map", "helsinki", "2026.8", None),
            Installed("voice-sentences", "en", "1.3.2", "1.3.0"),
            Installed("cockpit", "cockpit", "0.9.0", "0.8.4"),
        ],
    )
