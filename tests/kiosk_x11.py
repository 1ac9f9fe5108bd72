"""Helpers for the kiosk tests on a real X server: Xvfb on a free display, xdotool/xprop/xwininfo,
the X cursor image (XFixes), a window manager's close request (WM_DELETE_WINDOW), the kiosk's
status file and systemd's notification socket."""

from __future__ import annotations

import ctypes
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

TOOLS = ("Xvfb", "xdotool", "xprop", "xwininfo")


def missing_tools() -> list[str]:
    missing = [t for t in TOOLS if shutil.which(t) is None]
    for lib in ("libX11.so.6", "libXfixes.so.3"):
        try:
            ctypes.CDLL(lib)
        except OSError:
            missing.append(lib)
    return missing


class Xvfb:
    """An X server on a display number it picks itself (-displayfd): no clash with other tests."""

    def __init__(self, *screens: str):
        read, write = os.pipe()
        args = ["Xvfb", "-displayfd", str(write), "-nolisten", "tcp", "-noreset"]
        for i, size in enumerate(screens or ("1920x1080",)):
            args += ["-screen", str(i), f"{size}x24"]
        self.proc = subprocess.Popen(args, pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        os.close(write)
        number = b""
        deadline = time.monotonic() + 10
        while not number.endswith(b"\n") and time.monotonic() < deadline:
            chunk = os.read(read, 16)
            if not chunk:
                break
            number += chunk
        os.close(read)
        if not number.strip():
            self.proc.kill()
            raise RuntimeError(f"Xvfb did not start: {self.proc.stderr.read().decode(errors='replace')}")
        self.display = f":{int(number)}"

    def env(self) -> dict[str, str]:
        return {**os.environ, "DISPLAY": self.display}

    def run(self, *args: str, check: bool = True) -> str:
        out = subprocess.run(args, env=self.env(), capture_output=True, text=True, timeout=20)
        if check and out.returncode != 0:
            raise RuntimeError(f"{' '.join(args)} failed: {out.stderr}")
        return out.stdout

    def xdotool(self, *args: str) -> str:
        return self.run("xdotool", *map(str, args))

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()

    # ----- what X says about a window -----------------------------------------------------------

    def geometry(self, wid: int) -> dict[str, int | str]:
        """xwininfo: absolute position, size, map state."""
        info = self.run("xwininfo", "-id", str(wid))
        out: dict[str, int | str] = {}
        for line in info.splitlines():
            key, _, value = line.strip().partition(":")
            value = value.strip()
            if key in ("Absolute upper-left X", "Absolute upper-left Y", "Width", "Height", "Border width"):
                out[key] = int(value)
            elif key == "Map State":
                out[key] = value
        return out

    def prop(self, wid: int, name: str) -> str:
        return self.run("xprop", "-id", str(wid), name).strip()

    # ----- XFixes and a window manager's close request, through Xlib ---------------------------

    def cursor_visible(self) -> bool:
        """Whether the cursor X shows now has any pixel that is not fully transparent."""
        with _XDisplay(self.display) as (x11, dpy):
            xfixes = ctypes.CDLL("libXfixes.so.3")
            xfixes.XFixesGetCursorImage.restype = ctypes.POINTER(_CursorImage)
            xfixes.XFixesGetCursorImage.argtypes = [ctypes.c_void_p]
            image = xfixes.XFixesGetCursorImage(dpy)
            if not image:
                raise RuntimeError("XFixesGetCursorImage failed")
            c = image.contents
            pixels = [c.pixels[i] for i in range(c.width * c.height)]
            x11.XFree(image)
        return any(p & 0xFF000000 for p in pixels)

    def request_close(self, wid: int) -> None:
        """What a window manager sends for Alt+F4 or the close button: WM_PROTOCOLS / WM_DELETE_WINDOW."""
        with _XDisplay(self.display) as (x11, dpy):
            x11.XInternAtom.restype = ctypes.c_ulong
            x11.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
            event = _XEvent()
            event.xclient.type = 33  # ClientMessage
            event.xclient.window = wid
            event.xclient.message_type = x11.XInternAtom(dpy, b"WM_PROTOCOLS", 0)
            event.xclient.format = 32
            event.xclient.data[0] = x11.XInternAtom(dpy, b"WM_DELETE_WINDOW", 0)
            x11.XSendEvent.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_long,
                                       ctypes.POINTER(_XEvent)]
            if not x11.XSendEvent(dpy, wid, 0, 0, ctypes.byref(event)):
                raise RuntimeError("XSendEvent failed")
            x11.XFlush(dpy)


class _CursorImage(ctypes.Structure):
    _fields_ = [("x", ctypes.c_short), ("y", ctypes.c_short), ("width", ctypes.c_ushort),
                ("height", ctypes.c_ushort), ("xhot", ctypes.c_ushort), ("yhot", ctypes.c_ushort),
                ("cursor_serial", ctypes.c_ulong), ("pixels", ctypes.POINTER(ctypes.c_ulong)),
                ("atom", ctypes.c_ulong), ("name", ctypes.c_char_p)]


class _ClientMessage(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("serial", ctypes.c_ulong), ("send_event", ctypes.c_int),
                ("display", ctypes.c_void_p), ("window", ctypes.c_ulong), ("message_type", ctypes.c_ulong),
                ("format", ctypes.c_int), ("data", ctypes.c_long * 5)]


class _XEvent(ctypes.Union):
    _fields_ = [("xclient", _ClientMessage), ("pad", ctypes.c_long * 24)]


class _XDisplay:
    def __init__(self, name: str):
        self.name = name

    def __enter__(self):  # noqa: ANN204
        self.x11 = ctypes.CDLL("libX11.so.6")
        self.x11.XOpenDisplay.restype = ctypes.c_void_p
        self.x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
        self.x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
        self.x11.XFlush.argtypes = [ctypes.c_void_p]
        self.x11.XFree.argtypes = [ctypes.c_void_p]
        self.dpy = self.x11.XOpenDisplay(self.name.encode())
        if not self.dpy:
            raise RuntimeError(f"cannot open X display {self.name}")
        return self.x11, self.dpy

    def __exit__(self, *exc) -> None:  # noqa: ANN002
        self.x11.XCloseDisplay(self.dpy)


class NotifySocket:
    """Stands in for systemd: collects what the kiosk sends to $NOTIFY_SOCKET."""

    def __init__(self, path: Path):
        self.path = path
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(str(path))
        self.sock.settimeout(0.2)
        self.messages: list[tuple[float, str]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        while not self._stop.is_set():
            try:
                data = self.sock.recv(4096)
            except TimeoutError:
                continue
            except OSError:
                return
            self.messages.append((time.monotonic(), data.decode()))

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self.sock.close()


class KioskProcess:
    """``cockpit demo --kiosk`` on an X display, with its status file."""

    def __init__(self, x: Xvfb, config: Path, status: Path, log: Path, env: dict[str, str]):
        self.status_file = status
        self.log = log
        self._out = open(log, "w")  # noqa: SIM115 - open for the process's life
        full_env = {**x.env(), "QT_QPA_PLATFORM": "xcb", **env}
        full_env.pop("QT_QPA_PLATFORMTHEME", None)
        self.proc = subprocess.Popen([sys.executable, "-m", "cockpit.cli", "-v", "demo", "--kiosk", "--kiosk-config",
                                      str(config)], env=full_env, stdout=self._out, stderr=subprocess.STDOUT)

    def status(self) -> dict:
        try:
            return json.loads(self.status_file.read_text())
        except (OSError, ValueError):
            return {}

    def wait_for(self, test, timeout: float = 15.0, what: str = "") -> dict:  # noqa: ANN001
        """Poll the status file until ``test(status)`` holds; the status it held for."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"the kiosk exited ({self.proc.returncode}) waiting for {what}:\n{self.output()}")
            s = self.status()
            if s and test(s):
                return s
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {what}; last status: {json.dumps(self.status())[:2000]}\n"
                             f"{self.output()[-3000:]}")

    def alive(self) -> bool:
        return self.proc.poll() is None

    def output(self) -> str:
        self._out.flush()
        return self.log.read_text(errors="replace")

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.terminate()
        try:
            code = self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            code = self.proc.wait()
        self._out.close()
        return code
