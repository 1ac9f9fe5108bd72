"""KioskStore: what the kiosk windows show (caption, tour progress, the PIN pad) and the requests
they make (the corner gesture, PIN keys). The PIN itself never reaches QML: the pad sends digits,
the store counts them and the kiosk checks them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from cockpit.hmi.domain import prop

QML_IMPORT_NAME = "Cockpit.Stores"
QML_IMPORT_MAJOR_VERSION = 1

MAX_PIN_DIGITS = 8


@QmlElement
@QmlUncreatable("created by the kiosk")
class KioskStore(QObject):
    changed = Signal()
    pinEntered = Signal(str)  # to the kiosk, which checks it  # noqa: N815 - a Qt signal name
    cornerHeld = Signal(str)  # noqa: N815 - the place of the window whose corner was held
    pageRequested = Signal(str)  # noqa: N815 - the center screen page the tour asks for

    def __init__(self, corner: str = "top-right", hold_s: float = 3.0, parent: QObject | None = None):
        super().__init__(parent)
        self._digits = ""
        self._v: dict[str, Any] = {
            "caption": "",
            "captionTone": "tour",  # "tour" or "visitor"
            "touring": True,
            "progress": 0.0,
            "pinPadOpen": False,
            "pinPadWhere": "",  # the window it opened in (its `place`)
            "pinLength": 0,
            "pinMaxLength": MAX_PIN_DIGITS,
            "pinMessage": "",
            "pinLocked": False,
            "corner": corner,
            "holdSeconds": hold_s,
            "page": "home",  # the page last asked for (a center screen created later starts there)
        }
        self.page_shown = ""  # what the center screen shows: asked for, or where a visitor went

    def update(self, **values: Any) -> None:
        new = {**self._v, **values}
        if new != self._v:
            self._v = new
            self.changed.emit()

    # ----- requests from QML --------------------------------------------------------------------------

    @Slot(str)
    def holdCorner(self, where: str) -> None:  # noqa: N802
        """The operator's hidden gesture in the window at ``where``: the kiosk opens the PIN pad there."""
        self.cornerHeld.emit(where)

    @Slot(int)
    def pinDigit(self, digit: int) -> None:  # noqa: N802
        if not self._v["pinPadOpen"] or self._v["pinLocked"] or not 0 <= digit <= 9:
            return
        if len(self._digits) < MAX_PIN_DIGITS:
            self._digits += str(digit)
        self.update(pinLength=len(self._digits), pinMessage="")

    @Slot()
    def pinBackspace(self) -> None:  # noqa: N802
        self._digits = self._digits[:-1]
        self.update(pinLength=len(self._digits))

    @Slot()
    def pinSubmit(self) -> None:  # noqa: N802
        if not self._v["pinPadOpen"] or not self._digits:
            return
        entered, self._digits = self._digits, ""
        self.update(pinLength=0)
        self.pinEntered.emit(entered)

    @Slot()
    def closePinPad(self) -> None:  # noqa: N802
        self._digits = ""
        self.update(pinPadOpen=False, pinLength=0, pinMessage="")

    @Slot(str)
    def pageShown(self, name: str) -> None:  # noqa: N802
        self.page_shown = name

    def show_page(self, name: str) -> None:
        self.update(page=name)
        self.pageRequested.emit(name)

    def open_pin_pad(self, where: str, message: str = "", locked: bool = False) -> None:
        self._digits = ""
        self.update(pinPadOpen=True, pinPadWhere=where, pinLength=0, pinMessage=message, pinLocked=locked)

    caption = prop(str, "caption", changed)
    captionTone = prop(str, "captionTone", changed)
    touring = prop(bool, "touring", changed)
    progress = prop(float, "progress", changed)
    pinPadOpen = prop(bool, "pinPadOpen", changed)
    pinPadWhere = prop(str, "pinPadWhere", changed)
    pinLength = prop(int, "pinLength", changed)
    pinMaxLength = prop(int, "pinMaxLength", changed)
    pinMessage = prop(str, "pinMessage", changed)
    pinLocked = prop(bool, "pinLocked", changed)
    corner = prop(str, "corner", changed)
    holdSeconds = prop(float, "holdSeconds", changed)
    page = prop(str, "page", changed)
