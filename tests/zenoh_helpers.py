"""Shared by the Zenoh tests: free loopback endpoints, bounded waits, gateway and display processes."""

import json
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from .conftest import ROOT

ENV = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"}


def free_endpoint(protocol: str = "tcp") -> str:
    """A loopback endpoint (TCP, or TLS over it) nobody listens on (the OS picks the port)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"{protocol}/127.0.0.1:{s.getsockname()[1]}"


def wait_until(condition: Callable[[], bool], timeout: float, what: str = "the condition") -> float:
    """Poll ``condition`` until it holds; returns the seconds it took. Fails after ``timeout``."""
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > timeout:
            raise AssertionError(f"{what}: not within {timeout:g} s")
        time.sleep(0.002)
    return time.monotonic() - start


class Process:
    """A child process whose stdout lines are collected by a thread, so reads never block."""

    def __init__(self, *args: str):
        self.proc = subprocess.Popen([sys.executable, *args], cwd=ROOT, env=ENV, text=True,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.lines: queue.SimpleQueue[str] = queue.SimpleQueue()
        self.errors: list[str] = []  # drained too, so a chatty child never blocks on a full pipe
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=lambda: self.errors.extend(self.proc.stderr), daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.put(line.strip())

    def line(self, timeout: float) -> str:
        try:
            return self.lines.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"no output within {timeout:g} s; stderr: {''.join(self.errors)}") from None

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=10)


class Display(Process):
    """``tests/zenoh_display.py``: reports what its view's store shows, every 50 ms."""

    def __init__(self, view: str, endpoint: str, keys: Path | None = None):
        super().__init__("-m", "tests.zenoh_display", view, endpoint, *((str(keys),) if keys else ()))

    def report(self, timeout: float = 10) -> dict:
        return json.loads(self.line(timeout))

    def wait_for(self, condition, timeout: float, what: str) -> dict:  # noqa: ANN001
        end = time.monotonic() + timeout
        while True:
            report = self.report(max(0.1, end - time.monotonic()))
            if condition(report):
                return report
            if time.monotonic() > end:
                raise AssertionError(f"{what}: not within {timeout:g} s (last report {report})")


def gateway(endpoint: str, keys: Path | None = None) -> "Process":
    """The simulator at 10x behind a gateway process listening on ``endpoint`` (secure with ``keys``)."""
    g = Process("-m", "cockpit.bus.gateway", "--listen", endpoint, "--speedup", "10",
                *(("--secure", str(keys)) if keys else ()))
    assert g.line(timeout=20) == "ready"
    return g
