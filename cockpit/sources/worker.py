"""The background thread of a threaded source: one at a time, stopped through the ``stopping`` Event."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any


class Worker:
    """Runs a source's loop in a daemon thread named ``name``; errors name the source as ``what``.

    The loop waits on (or polls) ``stopping``; ``stop`` sets it and joins. After ``stop`` the worker
    can be started again.
    """

    def __init__(self, name: str, what: str):
        self.name = name
        self.what = what
        self.stopping = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        """A thread was started and not yet stopped (it may have ended on its own)."""
        return self._thread is not None

    def check_idle(self) -> None:
        """Refuse a second start: for sources that do some set-up before ``start``."""
        if self._thread is not None:
            raise RuntimeError(f"{self.what} is already running")

    def start(self, target: Callable[..., Any], *args: Any) -> None:
        """Run ``target(*args)`` in a new thread; RuntimeError if one is already running."""
        self.check_idle()
        self.stopping.clear()
        self._thread = threading.Thread(target=target, args=args, name=self.name, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Set ``stopping`` and wait for the thread to end (nothing to do if none runs)."""
        if self._thread is not None:
            self.stopping.set()
            self._thread.join()
            self._thread = None
