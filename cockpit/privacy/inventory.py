"""What the car keeps, as one table: each category of data with what it is, why it is kept, for how
long, who may receive it, the consent it needs, its size on disk, and how to export and erase it.

The stores themselves are passed in (``Inventory.of(...)``) or added (``add``): the inventory holds no
data and opens no database of its own, so the cockpit, the CLI and the tests each give it the stores
they have open — the signal history, the profile database on its thread, the health journal — and a
category whose store is missing is simply not listed. The Privacy page, ``cockpit privacy`` and the
export (export.py) read this table and nothing else, so a new store is one more row here.

What the car keeps and why is said truthfully, in the driver's words: the voice assistant keeps no
audio and no transcripts (the microphone's audio lives in memory for one utterance, the transcript is
shown and forgotten; the car's spoken replies are temporary files of its own voice, deleted when the
cockpit stops), so it is listed with nothing to export or erase. The update state is listed as not
personal: versions and slots of the car's software, which it needs to run.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from cockpit.health.history import CATEGORIES
from cockpit.health.journal import EXPORT_FIELDS as JOURNAL_FIELDS
from cockpit.profiles.store import EXPORTS, data_dir

from .consent import PURPOSES, Consent

log = logging.getLogger(__name__)

T = TypeVar("T")
Rows = Callable[[], Iterator[dict[str, Any]]]

STAYS = "Nobody: it stays on this car"
SUMMARIES = ("Nobody as it is. Summaries of it (never the samples) go to your dealer or the maker's fleet "
             "statistics only if you agree to it")


@dataclass(frozen=True)
class Category:
    """One row of the table. ``export`` yields the rows (dicts) of the driver's copy, ``erase`` deletes
    everything and returns how many items went; either is None when there is nothing of the driver's to
    export or erase, and ``why_not`` then says why."""

    name: str  # what the CLI takes: "driving", "profiles"…
    title: str
    what: str  # what is kept
    purpose: str  # why it is kept
    retention: str  # how long, in words
    recipients: str  # who may receive it
    size: Callable[[], int]  # bytes on disk now
    personal: bool = True
    consent: str | None = None  # the purpose (consent.PURPOSES) it is kept or sent under
    export: Rows | None = None
    erase: Callable[[], int] | None = None
    fields: tuple[str, ...] = ()  # the CSV's columns; () takes the first row's keys
    why_not: str = ""  # why it cannot be exported or erased here
    note: Callable[[], str] = field(default=lambda: "")  # something about it now ("2 profiles need a PIN…")


class Inventory:
    """The categories, in the order the driver sees them."""

    def __init__(self, categories: Iterable[Category] = (), consent: Consent | None = None,
                 folder: Path | str | None = None):
        self.folder = data_dir(folder)
        self.consent = consent
        self._categories: dict[str, Category] = {}
        for c in categories:
            self.add(c)

    @classmethod
    def of(cls, folder: Path | str | None = None, *, history: Any = None, profiles: Callable | None = None,
           consent: Consent | None = None, journal: Any = None) -> Inventory:
        """The car's table with the stores given: ``history`` (health.history.History), ``profiles`` (a
        function running ``fn(db)`` where the ProfileDatabase lives: ``lambda fn: fn(db)`` in the CLI,
        ``lambda fn: service.call(fn).result()`` in the cockpit), ``journal`` (the health journal)."""
        folder = data_dir(folder)
        inv = cls(consent=consent, folder=folder)
        if profiles is not None:
            inv.add(profiles_category(profiles, folder))
        if history is not None:
            for c in history_categories(history):
                inv.add(c)
        if journal is not None:
            inv.add(journal_category(journal))
        inv.add(voice_category())
        if consent is not None:
            inv.add(consent_category(consent))
        inv.add(exports_category(folder))
        inv.add(recovery_category(folder))
        inv.add(updates_category(folder))
        return inv

    def add(self, category: Category) -> None:
        if category.name in self._categories or category.name == "all":
            raise ValueError(f"a category named {category.name!r} is already listed")
        if category.consent is not None and category.consent not in PURPOSES:
            raise ValueError(f"{category.name}: {category.consent!r} is not a purpose")
        self._categories[category.name] = category

    def __iter__(self) -> Iterator[Category]:
        return iter(list(self._categories.values()))

    def get(self, name: str) -> Category:
        category = self._categories.get(name)
        if category is None:
            raise KeyError(f"{name!r} is not a category of data this car keeps; "
                           f"known: {', '.join(self._categories)}, or all")
        return category

    def erasable(self) -> list[Category]:
        return [c for c in self if c.personal and c.erase is not None]

    def exportable(self) -> list[Category]:
        return [c for c in self if c.personal and c.export is not None]

    def describe(self, category: Category) -> dict[str, Any]:
        """One category for the report and the Privacy page (JSON-ready)."""
        try:
            size = int(category.size())
        except Exception as exc:  # noqa: BLE001 - a store that cannot say: the report still shows the rest
            log.warning("privacy: the size of %s: %s", category.name, exc)
            size = 0
        try:
            note = category.note()
        except Exception as exc:  # noqa: BLE001 - as above
            note = f"cannot be read now: {exc}"
        agreed = None
        if category.consent is not None and self.consent is not None:
            agreed = self.consent.agreed(category.consent)
        return {"name": category.name, "title": category.title, "what": category.what,
                "purpose": category.purpose, "retention": category.retention, "recipients": category.recipients,
                "personal": category.personal, "consent": category.consent, "consent_given": agreed,
                "bytes": size, "exportable": category.export is not None,
                "erasable": category.erase is not None, "why_not": category.why_not, "note": note}

    def report(self) -> dict[str, Any]:
        """Everything the car keeps and every consent, as the CLI's --json and the export's privacy.json."""
        return {"generated": datetime.now(UTC).isoformat(timespec="seconds"), "data_folder": str(self.folder),
                "categories": [self.describe(c) for c in self],
                "consents": self.consent.state() if self.consent is not None else {},
                "problems": list(self.consent.problems) if self.consent is not None else []}

    def erase(self, name: str) -> dict[str, int]:
        """Erase one category, or with "all" every personal one (consents withdrawn last, so nothing
        recorded under them meanwhile survives). Items erased per category. With "all", a category
        that fails does not keep the others from being erased: EraseError then says what was and why
        the rest was not."""
        if name != "all":
            category = self.get(name)
            if category.erase is None:
                raise ValueError(f"{category.name}: nothing to erase here — {category.why_not}")
            return {category.name: category.erase()}
        erased: dict[str, int] = {}
        failed: list[str] = []
        for category in sorted(self.erasable(), key=lambda c: c.name == "consent"):
            try:
                erased[category.name] = category.erase()
            except Exception as exc:  # noqa: BLE001 - every store's own error; the message says which
                log.error("privacy: erasing %s: %s", category.name, exc)
                failed.append(f"{category.name}: {exc}")
        if failed:
            raise EraseError(f"not erased — {'; '.join(failed)}"
                             + (f" (erased: {', '.join(erased)})" if erased else ""), erased)
        return erased


class EraseError(Exception):
    """Some categories could not be erased; ``erased`` holds what was."""

    def __init__(self, message: str, erased: dict[str, int]):
        super().__init__(message)
        self.erased = erased


# ----- the car's categories ---------------------------------------------------------------------------


def folder_bytes(*paths: Path) -> int:
    """Bytes of the files at ``paths`` (files, or folders walked), those missing counting 0."""
    total = 0
    for path in paths:
        try:
            if path.is_file():
                total += path.stat().st_size
            elif path.is_dir():
                for root, _, files in os.walk(path):
                    for f in files:
                        try:
                            total += os.lstat(os.path.join(root, f)).st_size
                        except OSError:
                            pass
        except OSError:
            pass
    return total


def _file_rows(files: Callable[[], list[Path]]) -> Rows:
    def rows() -> Iterator[dict[str, Any]]:
        for f in files():
            try:
                st = f.stat()
            except OSError:
                continue
            yield {"file": f.name, "bytes": st.st_size,
                   "modified": datetime.fromtimestamp(st.st_mtime, UTC).isoformat(timespec="seconds")}
    return rows


def _unlink_all(files: Callable[[], list[Path]]) -> Callable[[], int]:
    def erase() -> int:
        gone = 0
        for f in files():
            f.unlink(missing_ok=True)
            gone += 1
        return gone
    return erase


def profiles_category(run: Callable[[Callable[[Any], T]], T], folder: Path) -> Category:
    from cockpit.profiles.store import DB_NAME, KEY_NAME, KEYRING_NAME

    def export() -> Iterator[dict[str, Any]]:
        def documents(db: Any) -> list[dict[str, Any]]:
            out = []
            for s in db.summaries():
                doc = None if s.has_pin else db.unlock(s.id).doc  # a PIN protects it from whoever has the car
                out.append({"id": s.id, "name": s.name, "guest": s.guest, "has_pin": s.has_pin,
                            "document": doc, "note": "protected by its PIN: export it with "
                            f"'cockpit profiles export {s.name} --pin' or from the Driver page" if s.has_pin else ""})
            return out
        yield from run(documents)

    def note() -> str:
        locked = run(lambda db: sum(s.has_pin for s in db.summaries()))
        return f"{locked} protected by a PIN: exported without their settings" if locked else ""

    return Category(
        "profiles", "Driver profiles",
        "Each driver's name, settings, seat and mirror positions, places, contacts and favourites, encrypted "
        "per driver", "To set the car up for whoever drives", "Until you erase them; a guest's at the end of the drive",
        STAYS, lambda: folder_bytes(*(folder / n for n in (DB_NAME, f"{DB_NAME}-wal", KEY_NAME, KEYRING_NAME))),
        export=export, erase=lambda: run(_erase_profiles),
        fields=("id", "name", "guest", "has_pin", "document", "note"), note=note)


# What each history category holds and who may see it, in the driver's words (history.py's table says why
# and how long; a category it gains later is listed with its purpose and a plain description).
_HISTORY_WORDS = {
    "vehicle-health": ("Vehicle health history", "Tire pressures and temperatures, traction battery charge, "
                       "voltage, current and temperature, 12 V battery voltage, brake pad wear, outside "
                       "temperature and distance", SUMMARIES),
    "driving": ("Driving history", "Speed, gear, acceleration and brake pedal: how the car was driven", STAYS),
    "location": ("Location history", "The car's position (latitude and longitude)", STAYS),
}


def _erase_profiles(db: Any) -> int:
    """Every profile, with the device key renewed (ProfileDatabase.erase_all); how many there were."""
    n = len(db.summaries())
    db.erase_all()
    return n


def history_categories(history: Any) -> list[Category]:
    """One category per category of the signal history (health/history.py's table). Its sizes and
    whether it records are asked at the time; an unavailable history still lists what it would keep."""
    def info(name: str) -> Any:
        return next(i for i in history.categories() if i.name == name)

    out = []
    for c in CATEGORIES.values():
        title, what, recipients = _HISTORY_WORDS.get(
            c.name, (c.name.replace("-", " ").capitalize(), "Signals over time", STAYS))
        out.append(Category(
            c.name, title, f"{what}; every sample of the last day, then minute and hour averages",
            c.purpose[:1].upper() + c.purpose[1:], f"{c.retention_days:g} days", recipients,
            (lambda n=c.name: info(n).bytes), consent="location-history" if c.needs_consent else None,
            export=(lambda n=c.name: history.export(n)), erase=(lambda n=c.name: history.erase(n)),
            fields=("category", "path", "resolution", "time", "t", "min", "mean", "max", "count"),
            note=(lambda n=c.name: "" if info(n).recording else "Not recording: you have not agreed")))
    return out


def journal_category(journal: Any) -> Category:
    return Category(
        "health-journal", "Health journal",
        "One line a day that the maintenance predictions are made from: charge at rest, charge counted in and "
        "out, 12 V resting voltage, distance, friction braking, and tire pressure and temperature readings",
        "To show how the car's health evolves and to warn in time",
        "5 years", SUMMARIES, lambda: folder_bytes(journal.path, Path(f"{journal.path}-wal")),
        export=lambda: journal.export(), erase=lambda: journal.erase(),  # called late: the journal may still open
        fields=JOURNAL_FIELDS)


def voice_category() -> Category:
    return Category(
        "voice", "Voice assistant",
        "Nothing: what the microphone hears stays in memory for one request; the words recognised are shown "
        "and forgotten, never saved", "Recognition runs on the car, offline", "Not kept", STAYS, lambda: 0,
        why_not="the voice assistant keeps no audio and no transcripts")


def consent_category(consent: Consent) -> Category:
    def rows() -> Iterator[dict[str, Any]]:
        for name, s in consent.state().items():
            yield {"purpose": name, "title": s["title"], "recipient": s["recipient"], "agreed": s["agreed"],
                   "changed": s["changed"]}

    def erase() -> int:
        n = len(consent.withdraw_all())
        consent.path.unlink(missing_ok=True)
        return n

    return Category(
        "consent", "Record of your consents", "What you agreed to, or refused, and when",
        "To do only what you agreed to",
        "Until you change it", STAYS, lambda: folder_bytes(consent.path), export=rows, erase=erase,
        fields=("purpose", "title", "recipient", "agreed", "changed"))


def exports_category(folder: Path) -> Category:
    exports = folder / EXPORTS

    def files() -> list[Path]:
        return sorted(p for p in exports.rglob("*") if p.is_file()) if exports.is_dir() else []

    def erase() -> int:
        n = _unlink_all(files)()
        for d in sorted((p for p in exports.rglob("*") if p.is_dir()), key=lambda p: -len(p.parts)):
            d.rmdir()
        return n

    return Category(
        "exports", "Exports made here", "Profiles and data you exported from the center screen, "
        "waiting to be copied off", "So you can take them with you", "Until you erase them", STAYS,
        lambda: folder_bytes(exports), export=_file_rows(files), erase=erase,
        fields=("file", "bytes", "modified"))


def recovery_category(folder: Path) -> Category:
    def files() -> list[Path]:
        return sorted(p for p in folder.glob("*.corrupt-*") if p.is_file())

    return Category(
        "recovery-files", "Damaged files set aside",
        "Databases that could not be read (profiles, signal history, health journal), moved aside instead of "
        "deleted: they may still hold your data", "In case they can be repaired", "Until you erase them", STAYS,
        lambda: folder_bytes(*files()), export=_file_rows(files), erase=_unlink_all(files),
        fields=("file", "bytes", "modified"))


def updates_category(folder: Path) -> Category:
    return Category(
        "updates", "Software update state",
        "The versions installed, the last good one of each, the last failure; nothing about you",
        "To run and update the car's software", "As long as the software is installed",
        "Nobody: the car only downloads", lambda: folder_bytes(folder / "updates"), personal=False,
        why_not="not personal data: the car needs it to run its software")


def as_text(value: Any) -> str:
    """A value as a CSV cell: text as it is, None empty, numbers as Python writes them, the rest as JSON."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool | int | float):
        return str(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
