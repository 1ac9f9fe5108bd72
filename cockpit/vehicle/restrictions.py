"""What a driver may do on the screens in each driving state: one table, read by the views.

Modelled on Android Automotive's CarUxRestrictions (NO_KEYBOARD, LIMIT_CONTENT, NO_VIDEO,
NO_SETUP) and NHTSA's visual-manual distraction guidelines (2013): no text entry, no long lists,
no video and no setup flows while the car moves; a task must be doable in glances of 2 s, 12 s in
all. Parked: everything. Idling (a gear engaged, standing still — at a light): no video, as the
car may move at any moment. Moving, or a state not known (no gear reading: fail safe): all four.
Voice stays available in every state. A restricted control stays on screen, looks disabled and
says why (the words below).
"""

from __future__ import annotations

from typing import NamedTuple

KINDS = ("keyboard", "list", "video", "setup")
BLOCKED: dict[str, frozenset[str]] = {
    "parked": frozenset(),
    "idling": frozenset({"video"}),
    "moving": frozenset(KINDS),
    "unknown": frozenset(KINDS),
}
LIST_CAP = 6  # items a list shows while moving (NHTSA: a glance reads a handful, not a page)
WHY = {
    "keyboard": "Typing is off while driving. Park, or use voice",
    "list": f"Only the first {LIST_CAP} while driving. Park for all, or use voice",
    "video": "Video plays only when parked",
    "setup": "Available when parked",
}

# Every control the restrictions touch: "page.control" (the control's objectName) -> its kind.
CONTROLS: dict[str, str] = {
    "driver.startValet": "keyboard",  # a PIN to choose
    "driver.endValet": "keyboard",
    "driver.exportProfile": "setup",
    "driver.eraseProfile": "setup",
    "driver.eraseAll": "setup",
    "driver.profilePicker": "list",
    "navigation.whereTo": "list",
}


class Restriction(NamedTuple):
    locked: bool
    why: str  # "" when not locked


def restriction(control: str, state: str) -> Restriction:
    """Whether ``control`` ("page.control") is restricted in driving ``state``, and why."""
    kind = CONTROLS[control]
    if kind in BLOCKED.get(state, BLOCKED["unknown"]):
        return Restriction(True, WHY[kind])
    return Restriction(False, "")


def list_cap(state: str) -> int | None:
    """How many items a list may show in ``state`` (None: all)."""
    return LIST_CAP if "list" in BLOCKED.get(state, BLOCKED["unknown"]) else None
