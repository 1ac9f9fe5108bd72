"""asyncio inside Qt's event loop (qasync), so stores can ``await`` work done in other threads.

``cockpit demo`` runs the whole application under a ``qasync.QEventLoop`` (cockpit/cli/display.py):
coroutines and Qt events then share the GUI thread's one loop, and a blocking call handed to
``loop.run_in_executor`` comes back on the GUI thread when it is done. Where Qt's loop is run
by someone else (pytest-qt, ``cockpit screenshot``), ``qt_loop()`` binds a qasync loop to it on
first use, so the same code runs unchanged.
"""

from __future__ import annotations

import asyncio

import qasync
from PySide6.QtCore import QCoreApplication

_bound: asyncio.AbstractEventLoop | None = None


def qt_loop() -> asyncio.AbstractEventLoop:
    """The asyncio loop that runs in Qt's event loop on this (the GUI) thread."""
    global _bound
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        pass
    if _bound is None or _bound.is_closed():
        app = QCoreApplication.instance()
        if app is None:
            raise RuntimeError("asyncio in Qt needs a QGuiApplication first")
        # already_running: Qt's loop is (or will be) driven by whoever owns the application;
        # qasync only registers itself as this thread's running asyncio loop.
        _bound = qasync.QEventLoop(app, already_running=True)
    return _bound
