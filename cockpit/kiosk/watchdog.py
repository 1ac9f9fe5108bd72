"""systemd notifications (``Type=notify``, ``WatchdogSec=``): READY=1 once the kiosk has drawn its
first frame, WATCHDOG=1 from a timer on the GUI thread, so that a hung GUI stops the pings and
systemd restarts the kiosk. The protocol is one datagram to ``$NOTIFY_SOCKET`` (sd_notify(3)):
a few lines here rather than a dependency. Without systemd it does nothing.
"""

from __future__ import annotations

import logging
import os
import socket

from PySide6.QtCore import QObject, Qt, QTimer

log = logging.getLogger(__name__)


def notify(message: str, environ: dict[str, str] | None = None) -> bool:
    """Send ``message`` (e.g. "READY=1") to the service manager; False when there is none."""
    env = os.environ if environ is None else environ
    address = env.get("NOTIFY_SOCKET")
    if not address:
        return False
    if address.startswith("@"):  # an abstract socket
        address = "\0" + address[1:]
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as s:
            s.connect(address)
            s.sendall(message.encode())
        return True
    except OSError as exc:
        log.warning("systemd notification %r not sent: %s", message.split("\n")[0], exc)
        return False


def watchdog_interval_s(environ: dict[str, str] | None = None) -> float | None:
    """Half the watchdog timeout systemd gave this process (sd_watchdog_enabled(3)), or None.

    systemd names the process meant to ping (WATCHDOG_PID, the service's main process). Under cage
    that is cage, which starts the cockpit and knows nothing of systemd: the cockpit takes its place
    (READY=1 carries MAINPID=) and so answers for its parent too. Any other process's watchdog is
    not ours."""
    env = os.environ if environ is None else environ
    try:
        usec = int(env.get("WATCHDOG_USEC", ""))
    except ValueError:
        return None
    pid = env.get("WATCHDOG_PID")
    if usec <= 0 or (pid and pid not in (str(os.getpid()), str(os.getppid()))):
        return None
    return usec / 2 / 1e6


class Watchdog(QObject):
    """READY once, then WATCHDOG pings at half the timeout from the GUI thread's event loop."""

    def __init__(self, parent: QObject | None = None, environ: dict[str, str] | None = None):
        super().__init__(parent)
        self._env = dict(os.environ if environ is None else environ)
        self.enabled = bool(self._env.get("NOTIFY_SOCKET"))
        self.ready_sent = False
        self.pings = 0
        self._status = ""
        interval = watchdog_interval_s(self._env)
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self.ping)
        if self.enabled and interval is not None:
            self._timer.setInterval(max(50, round(interval * 1000)))

    def ready(self, status: str = "") -> None:
        """The first frame is on screen: the service is up; pings start."""
        if self.ready_sent:
            return
        self.ready_sent = True
        self._status = status
        notify(f"READY=1\nMAINPID={os.getpid()}" + (f"\nSTATUS={status}" if status else ""), self._env)
        if self._timer.interval() > 0 and self.enabled and watchdog_interval_s(self._env) is not None:
            self._timer.start()
            self.ping()

    def ping(self) -> None:
        if notify("WATCHDOG=1", self._env):
            self.pings += 1

    def status(self, text: str) -> None:
        """A line for ``systemctl status`` (sent only when it changes)."""
        if text != self._status and self.ready_sent:
            self._status = text
            notify(f"STATUS={text}", self._env)

    def stopping(self) -> None:
        self._timer.stop()
        notify("STOPPING=1", self._env)
