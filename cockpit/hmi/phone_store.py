"""PhoneStore: a simulated phone — call state ("idle", "ringing", "inCall"), the other party, and
the contacts that voice commands can name. Incoming calls come from ``ring()`` (demo, tests)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from .domain import prop

QML_IMPORT_NAME = "Cockpit.Stores"
QML_IMPORT_MAJOR_VERSION = 1

# No paired phone yet: a fixed address book, joined by the active driver's own contacts.
CONTACTS = ("Anna", "Ben", "Carla", "David", "Mum")


@QmlElement
@QmlUncreatable("created by the application")
class PhoneStore(QObject):
    changed = Signal()
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._v = {"callState": "idle", "contact": ""}
        self._own: tuple[str, ...] = ()  # the active driver's contacts (none in valet mode)

    def _set(self, state: str, contact: str) -> None:
        new = {"callState": state, "contact": contact}
        if new != self._v:
            self._v = new
            self.changed.emit()

    def _refuse(self, why: str) -> str:
        self.failed.emit(why)
        return why

    @property
    def contacts(self) -> list[str]:
        return sorted({*CONTACTS, *self._own})

    def use_driver_contacts(self, names: list[str]) -> None:
        self._own = tuple(names)

    @Slot(str)
    def call(self, name: str) -> str:
        """Place a call (it connects at once: there is no network to wait for)."""
        contact = next((c for c in self.contacts if c.lower() == name.strip().lower()), None)
        if contact is None:
            return self._refuse(f"no contact called {name!r}")
        if self._v["callState"] != "idle":
            return self._refuse("already in a call")
        self._set("inCall", contact)
        return ""

    @Slot(str)
    def ring(self, name: str) -> None:
        if self._v["callState"] == "idle":
            self._set("ringing", name)

    @Slot()
    def answer(self) -> str:
        if self._v["callState"] != "ringing":
            return self._refuse("no call to answer")
        self._set("inCall", self._v["contact"])
        return ""

    @Slot()
    def hangUp(self) -> str:
        if self._v["callState"] == "idle":
            return self._refuse("no call to end")
        self._set("idle", "")
        return ""

    callState = prop(str, "callState", changed)
    contact = prop(str, "contact", changed)
