"""The driver's consent, one purpose at a time: off until they say yes, kept in the data folder.

Consent belongs to the car, not to a driver profile: what it governs — where the car was, the car's
maintenance summaries — is the car's data, kept whoever drives, and is the owner's decision, like
the car's other settings. Profiles are per driver and may be a guest's, erased at the end of the drive;
a consent that vanished with a guest, or changed with whoever sits in the seat, would be neither
informed nor stable.

``consent.json`` holds, per purpose, the answer and when it was given or withdrawn. It is rewritten
whole and atomically on each change (``write_atomically``), so a crash leaves the old answer or the
new one. A file that cannot be read — damaged, too large, not JSON, another layout — counts as no
consent at all, never as a guess, and ``problems`` says why; the next change writes a good file over
it. Several processes share it (the cockpit, ``cockpit privacy consent``): ``agreed`` reads the file
again when it changed on disk, so a consent withdrawn from the command line stops the cockpit's use at
its next check, and the subscribers hear of it.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cockpit.files import InputFileError, read_regular, write_atomically
from cockpit.profiles.store import data_dir

log = logging.getLogger(__name__)

FILE_NAME = "consent.json"
LAYOUT = 1
MAX_BYTES = 64 * 1024  # a few hundred bytes per purpose


@dataclass(frozen=True)
class Purpose:
    """Something the car does with the driver's data only if they agree, in their words."""

    name: str
    title: str  # what the switch says
    what: str  # what agreeing means: which data, how often, what never
    recipient: str  # who receives it ("nobody" when it stays on the car)


PURPOSES: dict[str, Purpose] = {p.name: p for p in (
    Purpose("location-history", "Keep where the car was",
            "The car's position, kept on this car for 30 days. Off: no positions are kept at all.",
            "Nobody: it stays on this car"),
    Purpose("dealer-maintenance", "Share with your dealer",
            "Summaries of battery, tire, 12 V battery and brake wear, never positions or raw signals: "
            "the workshop plans your service.",
            "Your dealer's workshop"),
    Purpose("fleet-statistics", "Anonymous fleet statistics",
            "The same summaries under a random vehicle id, never positions or raw signals: how cars like "
            "this one wear.",
            "The maker's fleet statistics"),
)}


class ConsentError(Exception):
    """The answer could not be saved; the message names the file and the reason."""


def _purpose(name: str) -> Purpose:
    purpose = PURPOSES.get(name) if isinstance(name, str) else None
    if purpose is None:
        raise ValueError(f"{name!r} is not a purpose the car asks consent for; known: {', '.join(PURPOSES)}")
    return purpose


def _iso(t: float) -> str:
    return datetime.fromtimestamp(t, UTC).isoformat(timespec="seconds")


class Consent:
    """The consents kept in ``folder`` (default: the data folder)."""

    def __init__(self, folder: Path | str | None = None, *, clock: Callable[[], float] = time.time):
        self.folder = data_dir(folder)
        self.path = self.folder / FILE_NAME
        self.problems: list[str] = []  # why the file was not used, in words (also logged)
        self._clock = clock
        self._lock = threading.Lock()
        self._callbacks: list[Callable[[str, bool], None]] = []
        self._seen: tuple | None = None  # the file's identity when last read
        self._answers: dict[str, dict[str, Any]] = {}  # purpose -> {"agreed": bool, "t": epoch s}
        with self._lock:
            self._reload()

    # ----- reading ---------------------------------------------------------------------------------

    def agreed(self, purpose: str) -> bool:
        """True only if the driver said yes to ``purpose`` and has not withdrawn it since."""
        _purpose(purpose)
        self._refresh()
        answer = self._answers.get(purpose)
        return bool(answer and answer["agreed"])

    def state(self) -> dict[str, dict[str, Any]]:
        """Every purpose with its words, the answer and when it was given (None: never asked)."""
        self._refresh()
        out = {}
        for p in PURPOSES.values():
            answer = self._answers.get(p.name)
            out[p.name] = {"title": p.title, "what": p.what, "recipient": p.recipient,
                           "agreed": bool(answer and answer["agreed"]),
                           "changed": _iso(answer["t"]) if answer else None}
        return out

    def changed(self, callback: Callable[[str, bool], None]) -> Callable[[], None]:
        """Call ``callback(purpose, agreed)`` whenever an answer changes (here or, seen at the next
        read, in another process). Called on the thread that noticed. Returns the unsubscribe."""
        with self._lock:
            self._callbacks.append(callback)

        def unsubscribe() -> None:
            with self._lock:
                if callback in self._callbacks:
                    self._callbacks.remove(callback)

        return unsubscribe

    # ----- writing ---------------------------------------------------------------------------------

    def set(self, purpose: str, agreed: bool) -> None:
        """Give or withdraw consent to ``purpose``, saved with the time. A withdrawal holds in this
        process even when the disk refuses it (ConsentError then says so); a yes that cannot be saved
        is not given."""
        _purpose(purpose)
        if not isinstance(agreed, bool):
            raise TypeError(f"consent is True or False, not {agreed!r}")
        with self._lock:
            self._reload_if_changed()
            was = self._answers.get(purpose)
            if was is not None and was["agreed"] == agreed:
                return
            answers = {**self._answers, purpose: {"agreed": agreed, "t": self._clock()}}
            error = None
            try:
                write_atomically(self.path, json.dumps({"layout": LAYOUT, "purposes": answers}, indent=2) + "\n")
                self._seen = self._identity()
            except OSError as exc:
                error = ConsentError(f"{self.path}: cannot save the consent ({exc.strerror or exc})"
                                     + ("; it is withdrawn until the cockpit restarts" if not agreed else ""))
            if error is None or not agreed:
                self._answers = answers
            callbacks = list(self._callbacks)
        if bool(was and was["agreed"]) != agreed and (error is None or not agreed):
            self._tell(callbacks, [(purpose, agreed)])
        if error is not None:
            raise error

    def withdraw_all(self) -> list[str]:
        """Withdraw every consent given; the purposes withdrawn."""
        given = [p for p in PURPOSES if self.agreed(p)]
        for p in given:
            self.set(p, False)
        return given

    # ----- the file ----------------------------------------------------------------------------------

    def _identity(self) -> tuple | None:
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        return st.st_ino, st.st_mtime_ns, st.st_size

    def _refresh(self) -> None:
        with self._lock:
            before = {p: bool(a["agreed"]) for p, a in self._answers.items()}
            if not self._reload_if_changed():
                return
            after = {p: bool(a["agreed"]) for p, a in self._answers.items()}
            callbacks = list(self._callbacks)
        self._tell(callbacks, [(p, after.get(p, False)) for p in PURPOSES
                               if before.get(p, False) != after.get(p, False)])

    def _reload_if_changed(self) -> bool:
        if self._identity() == self._seen:
            return False
        self._reload()
        return True

    def _reload(self) -> None:
        self._seen = self._identity()
        self._answers = {}
        if self._seen is None:
            return
        try:
            doc = json.loads(read_regular(self.path, MAX_BYTES, "the consent file"))
            self._answers = _parse(doc)
        except (InputFileError, ValueError) as exc:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
            self._problem(f"{self.path}: {exc}; every consent counts as not given until it is set again")

    def _problem(self, text: str) -> None:
        self.problems.append(text)
        log.error("consent: %s", text)

    @staticmethod
    def _tell(callbacks: list[Callable[[str, bool], None]], changes: list[tuple[str, bool]]) -> None:
        for purpose, agreed in changes:
            for callback in callbacks:
                try:
                    callback(purpose, agreed)
                except Exception:  # one subscriber's bug must not keep the others from hearing it
                    log.exception("consent: a subscriber failed on %s=%s", purpose, agreed)


def _parse(doc: Any) -> dict[str, dict[str, Any]]:
    """The answers in a consent file's document; ValueError says what is wrong. Purposes this version
    does not know are dropped (a newer cockpit's file): they were never asked here."""
    if not isinstance(doc, dict) or doc.get("layout") != LAYOUT or not isinstance(doc.get("purposes"), dict):
        raise ValueError(f"not a consent file of layout {LAYOUT}")
    answers = {}
    for name, answer in doc["purposes"].items():
        if name not in PURPOSES:
            log.warning("consent: %r in the file is not a purpose this cockpit knows; ignored", name)
            continue
        if (not isinstance(answer, dict) or not isinstance(answer.get("agreed"), bool)
                or type(answer.get("t")) not in (int, float) or not 0 <= answer["t"] < 1e11):
            raise ValueError(f"the answer for {name!r} is not {{\"agreed\": true|false, \"t\": seconds}}")
        answers[name] = {"agreed": answer["agreed"], "t": float(answer["t"])}
    return answers


def follow_location(consent: Consent, history: Any) -> Callable[[], None]:
    """Keep the signal history's location category recording exactly while "location-history" is
    agreed (now and on every change); the unsubscribe."""
    history.set_consent("location", consent.agreed("location-history"))

    def changed(purpose: str, agreed: bool) -> None:
        if purpose == "location-history":
            history.set_consent("location", agreed)

    return consent.changed(changed)
