"""Record every change of a SignalStore to a JSON Lines file (replayed by sources/replay.py).

The store calls listeners on the writer's thread (a source's); the file is written by a thread
of the recorder's own, so a slow disk never holds up a source or the GUI.
"""

from __future__ import annotations

import json
import queue
import threading
import time
from pathlib import Path
from typing import IO

from cockpit.vehicle.store import Reading, SignalStore, Status


class Recorder:
    def __init__(self, store: SignalStore, file: Path):
        self._store = store
        self._file: IO[str] = file.open("w", encoding="utf-8")
        self._queue: queue.SimpleQueue[str | None] = queue.SimpleQueue()
        self._began = time.monotonic()
        self.lines = 0
        self._writer = threading.Thread(target=self._write, name="recorder", daemon=True)
        self._writer.start()
        self._unlisten = store.listen(self._on_change)

    def _on_change(self, path: str, r: Reading) -> None:
        if r.status is Status.AVAILABLE:
            row = {"t": round(time.monotonic() - self._began, 4), "path": path, "value": r.value,
                   "status": "AVAILABLE", "ts": r.source_ts}
        elif r.status is Status.UNAVAILABLE:
            row = {"t": round(time.monotonic() - self._began, 4), "path": path, "status": "UNAVAILABLE"}
        else:
            return  # STALE and ERROR are the receiving store's judgement, not data
        self._queue.put(json.dumps(row))

    def _write(self) -> None:
        while (line := self._queue.get()) is not None:
            self._file.write(line + "\n")
            self.lines += 1
        self._file.close()

    def close(self) -> None:
        """Stop listening and flush everything recorded so far."""
        self._unlisten()
        self._queue.put(None)
        self._writer.join()
