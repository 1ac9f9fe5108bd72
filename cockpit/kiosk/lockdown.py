"""What keeps a visitor in the kiosk: shortcuts that would close or switch away are swallowed,
close requests (a window manager's Alt+F4, WM_DELETE_WINDOW) are ignored, and leaving takes the
operator's PIN, with a growing back-off after wrong tries.

Shortcuts a window manager or the X server grabs never reach the application (Alt+Tab under a
desktop, Ctrl+Alt+F1): run the kiosk under a compositor without them (cage) or a bare X server
(docs/kiosk.md).
"""

from __future__ import annotations

import hmac
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QWindow

from .config import Unlock
from .state import StateKeeper

log = logging.getLogger(__name__)

K = Qt.Key
M = Qt.KeyboardModifier
_ALWAYS = {k.value for k in (K.Key_Escape, K.Key_Meta, K.Key_Super_L, K.Key_Super_R, K.Key_Hyper_L, K.Key_Hyper_R,
                             K.Key_Menu, K.Key_F11, K.Key_Close, K.Key_Exit, K.Key_Back, K.Key_PowerOff, K.Key_Sleep,
                             K.Key_Suspend, K.Key_TaskPane)}
_WITH_CTRL = {k.value for k in (K.Key_Q, K.Key_W, K.Key_F4, K.Key_Tab, K.Key_Backtab, K.Key_Escape)}
_WITH_ALT = {k.value for k in (K.Key_F4, K.Key_Tab, K.Key_Backtab, K.Key_Escape, K.Key_Space, K.Key_Left,
                               K.Key_Right)}
_F_KEYS = range(K.Key_F1.value, K.Key_F35.value + 1)
_KEY_EVENTS = (QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride)


def is_escape_shortcut(key: int, modifiers: Qt.KeyboardModifier) -> bool:
    """A key that closes, quits, switches windows or leaves full screen somewhere."""
    key = getattr(key, "value", key)
    if key in _ALWAYS:
        return True
    if modifiers & M.MetaModifier:
        return True  # the Super key's combinations belong to the desktop
    ctrl, alt = bool(modifiers & M.ControlModifier), bool(modifiers & M.AltModifier)
    if ctrl and alt:
        return True
    if ctrl and key in _WITH_CTRL:
        return True
    return alt and (key in _WITH_ALT or key in _F_KEYS)


class KeyGuard(QObject):
    """An application event filter that swallows shortcuts that would close or switch away."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.swallowed = 0  # key presses kept from the windows

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in _KEY_EVENTS:
            key_event: QKeyEvent = event  # type: ignore[assignment]
            if is_escape_shortcut(key_event.key(), key_event.modifiers()):
                if event.type() == QEvent.Type.KeyPress and isinstance(obj, QWindow):
                    self.swallowed += 1
                    log.info("kiosk: swallowed %s", _describe(key_event))
                event.accept()
                return True
        return False


def _describe(event: QKeyEvent) -> str:
    mods = event.modifiers()
    parts = [name for flag, name in ((M.ControlModifier, "Ctrl"), (M.AltModifier, "Alt"),
                                     (M.MetaModifier, "Meta"), (M.ShiftModifier, "Shift")) if mods & flag]
    try:
        name = K(event.key()).name.removeprefix("Key_")
    except ValueError:
        name = hex(event.key())
    return "+".join([*parts, name])


class CloseGuard(QObject):
    """An event filter for the kiosk windows: close requests are ignored until ``unlocked``."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.unlocked = False
        self.ignored = 0

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Close and not self.unlocked:
            event.ignore()
            self.ignored += 1
            log.info("kiosk: ignored a request to close %s", obj.objectName() or type(obj).__name__)
            return True
        return False


@dataclass(frozen=True)
class PinResult:
    ok: bool
    locked_s: float = 0.0  # > 0: the pad is locked for this long
    attempts_left: int = 0


class PinGate:
    """Checks the operator's PIN; after ``max_attempts`` wrong ones in a row the pad locks for
    ``lockout_s``, doubling with each further lock up to ``max_lockout_s``. Failures and the lock
    live in the kiosk state, so a restart does not clear them."""

    def __init__(self, pin: str, unlock: Unlock, keeper: StateKeeper, clock: Callable[[], float] = time.time):
        self._pin = pin.encode()
        self.unlock = unlock
        self.keeper = keeper
        self._clock = clock

    def locked_for(self) -> float:
        return self.keeper.lock_remaining(self._clock())

    def check(self, entered: str) -> PinResult:
        s = self.keeper.state
        if (left := self.locked_for()) > 0:
            return PinResult(False, locked_s=left)
        if hmac.compare_digest(entered.encode(), self._pin):
            s.pin_failures = 0
            s.lockouts = 0
            self.keeper.save()
            log.warning("kiosk: operator PIN accepted")
            return PinResult(True)
        s.wrong_pins += 1
        s.pin_failures += 1
        log.warning("kiosk: wrong PIN (%d in a row)", s.pin_failures)
        if s.pin_failures >= self.unlock.max_attempts:
            lock = min(self.unlock.lockout_s * 2 ** s.lockouts, self.unlock.max_lockout_s)
            s.lockouts += 1
            s.pin_failures = 0
            s.locked_until = self._clock() + lock
            self.keeper.save()
            log.warning("kiosk: PIN pad locked for %g s", lock)
            return PinResult(False, locked_s=lock)
        self.keeper.save()
        return PinResult(False, attempts_left=self.unlock.max_attempts - s.pin_failures)
