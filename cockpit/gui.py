"""Qt's application object for windows on a real screen, after checking there is a screen to open.

Without a display Qt prints a plugin list and aborts the process; a user deserves one sentence that
names the problem and the fix instead.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys
from pathlib import Path

# Qt platforms that need no window system: they never abort for want of a display
HEADLESS_PLATFORMS = {"offscreen", "minimal", "eglfs", "linuxfb", "vnc", "vkkhrdisplay"}
FIX = ("on a machine without a screen, render pictures with QT_QPA_PLATFORM=offscreen (e.g. cockpit screenshot) "
       "or run the windows on a virtual X server: xvfb-run -a cockpit")


class NoDisplayError(RuntimeError):
    """There is no screen Qt could open a window on."""


def _x_server_answers(display: str) -> bool:
    name = ctypes.util.find_library("xcb")
    if name is None:
        return True  # cannot tell without libxcb: let Qt try
    xcb = ctypes.CDLL(name)
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    connection = xcb.xcb_connect(display.encode(), None)
    try:
        return xcb.xcb_connection_has_error(connection) == 0
    finally:
        xcb.xcb_disconnect(connection)


def _wayland_socket(env: dict[str, str]) -> bool:
    name = env.get("WAYLAND_DISPLAY")
    if not name:
        return False
    path = Path(name) if name.startswith("/") else Path(env.get("XDG_RUNTIME_DIR", "/nonexistent")) / name
    return path.is_socket()


def missing_display(env: dict[str, str] | None = None) -> str | None:
    """Why windows cannot open here, as a sentence with the fix; None when they can (or Qt will decide)."""
    env = dict(os.environ if env is None else env)
    if not sys.platform.startswith("linux"):
        return None
    platforms = {p.split(":")[0] for p in env.get("QT_QPA_PLATFORM", "").split(";") if p}
    if platforms & HEADLESS_PLATFORMS:
        return None
    if _wayland_socket(env):
        return None
    display = env.get("DISPLAY")
    if display and _x_server_answers(display):
        return None
    why = f"the X display {display!r} does not answer" if display else "DISPLAY and WAYLAND_DISPLAY are not set"
    return f"no screen to open the windows on ({why}); {FIX}"


def gui_application():  # noqa: ANN201 - PySide6 is imported only once the display is known to be there
    """The QGuiApplication for on-screen windows; raises NoDisplayError when there is no screen."""
    problem = missing_display()
    if problem:
        raise NoDisplayError(problem)
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    app.setApplicationName("cockpit")
    return app
