"""The profile database on its own thread: the GUI thread never waits for the disk.

``ProfileService`` owns one worker thread and the ``ProfileDatabase`` living on it (SQLite
connections belong to the thread that made them). Every call returns a ``Future``; whoever
called decides how to receive the result (the Qt store posts it back to the GUI thread). Calls
run one at a time, in the order they were made, so a save queued after a switch lands after it.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from .store import OpenReport, ProfileDatabase

T = TypeVar("T")


class ProfileService:
    def __init__(self, db: ProfileDatabase):
        self.db = db
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="profiles-db")
        self.opened: Future[OpenReport] = self.call(lambda db: db.open())
        self._closed = False

    def call(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> Future[T]:
        """Run ``fn(db, *args, **kwargs)`` on the worker thread."""
        return self._pool.submit(fn, self.db, *args, **kwargs)

    def wait(self, timeout: float | None = 30.0) -> None:
        """Block until everything queued so far has run (tests, shutdown, the CLI)."""
        self.call(lambda db: None).result(timeout)

    def close(self, last: Callable[[ProfileDatabase], Any] | None = None) -> None:
        """Run ``last`` (e.g. wiping a guest at the end of the drive), then stop the thread."""
        if self._closed:
            return
        self._closed = True
        if last is not None:
            self._pool.submit(last, self.db)
        self._pool.submit(lambda: self.db.close())
        self._pool.shutdown(wait=True)
