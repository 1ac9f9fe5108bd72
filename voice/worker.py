"""The assistant in a process of its own, and the GUI process's side of the conversation with it.

pocketsphinx holds Python's interpreter lock while it loads its model, builds a grammar and decodes: in
a thread of the GUI process that holds the GUI thread too, and frames wait. In a child process it holds
only its own interpreter. The child is started with 'spawn' (a fresh interpreter), never a plain fork:
the GUI process has Qt's threads, and a fork copies their locks in whatever state they are in.

The protocol is one request, one response, in order: ``Worker.ask`` sends a request and waits for its
response in the worker's one I/O thread, so at most one message is ever in flight each way and the pipe
between the processes never holds more (bounded by construction). Requests and responses are frozen
dataclasses. An error in the child comes back as ``Failed`` and is raised again here: the voice
package's own errors (a bad sample rate, no model) as VoiceError with their words, anything else as
WorkerFailed. A child that dies or stops answering is ``WorkerDied``: the caller starts a new one.

The child never outlives the GUI process: ``close`` ends it, and if the GUI process dies anyway (killed,
crashed) the child's end of the pipe reads end-of-file and it exits.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from .audio import read_wav
from .errors import VoiceError
from .types import Action, Recognition, Reply, VehicleContext

log = logging.getLogger(__name__)

# A model and its grammar load in seconds; a large vosk model on a slow disk in tens of seconds.
LOAD_TIMEOUT_S = 120.0
# Anything else (a grammar rebuild with many names, a decoding) answers within seconds: a child silent
# for this long is stuck, and is ended rather than waited for.
REPLY_TIMEOUT_S = 30.0
# close(): how long the child has to end after SIGTERM before it is killed.
EXIT_TIMEOUT_S = 2.0


# ----- requests (GUI process → child) -----------------------------------------------------------------


@dataclass(frozen=True)
class SetLists:
    """The names the driver may say, by list ("contact", "place", …): the grammar is rebuilt."""

    lists: dict[str, list[str]]


@dataclass(frozen=True)
class ReadWav:
    """A WAV file's audio, as 16 kHz mono 16-bit PCM (at most voice.audio.MAX_FILE_S of it)."""

    path: Path


@dataclass(frozen=True)
class Stream:
    """A new utterance of 16-bit mono PCM at ``sample_rate`` (one left unfinished is dropped first)."""

    sample_rate: int


@dataclass(frozen=True)
class Feed:
    """A piece of the utterance's audio."""

    pcm: bytes


@dataclass(frozen=True)
class Finish:
    """The end of the utterance: what was said."""


@dataclass(frozen=True)
class Answer:
    """The reply to ``recognition`` (and to the action waiting for a yes or no, if any)."""

    recognition: Recognition
    facts: VehicleContext
    pending: Action | None


Request = SetLists | ReadWav | Stream | Feed | Finish | Answer


# ----- responses (child → GUI process) ----------------------------------------------------------------


@dataclass(frozen=True)
class Loaded:
    """Sent once, unasked, when the assistant is ready."""

    engine: str


@dataclass(frozen=True)
class Done:
    """SetLists and Stream: done."""


@dataclass(frozen=True)
class Audio:
    pcm: bytes


@dataclass(frozen=True)
class Heard:
    """Feed: the partial transcript when it changed (else None), and whether the speech has ended."""

    partial: str | None
    ended: bool


@dataclass(frozen=True)
class Recognized:
    recognition: Recognition


@dataclass(frozen=True)
class Answered:
    reply: Reply


@dataclass(frozen=True)
class Failed:
    """The request raised: its message, whether it is one of the voice package's own errors, and the
    child's traceback for the log."""

    message: str
    voice_error: bool
    trace: str


Response = Loaded | Done | Audio | Heard | Recognized | Answered | Failed


class WorkerDied(VoiceError):
    """The recognizer process ended or stopped answering; a new one has to be started."""


class WorkerFailed(Exception):
    """A request failed in the child with an error that is not the voice package's own (a bug)."""


def real_assistant(sentence_folders: tuple[Path, ...] = ()) -> Any:
    """The real assistant (voice.assistant), made in the child: the default ``make`` of a Worker.
    ``sentence_folders``: installed sentence roots that join the shipped sentences (updates)."""
    from .assistant import Assistant

    return Assistant(sentence_folders=sentence_folders)


# ----- the child --------------------------------------------------------------------------------------


def serve(make: Callable[[], Any], conn: Connection) -> None:
    """The child's whole life: make the assistant, then answer requests until the pipe closes."""
    # Ctrl+C in a terminal reaches the whole process group: the GUI process decides when this one ends.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        try:
            assistant = make()
        except Exception as exc:  # no model, no engine installed: said once, and this process ends
            conn.send(_failed(exc))
            return
        conn.send(Loaded(assistant.engine))
        utterance = None
        while True:
            request = conn.recv()
            try:
                response, utterance = _handle(assistant, utterance, request)
            except Exception as exc:
                response = _failed(exc)
            conn.send(response)
    except (EOFError, OSError):  # the GUI process closed its end or died: nobody left to answer
        return


def _handle(assistant: Any, utterance: Any, request: Request) -> tuple[Response, Any]:
    match request:
        case SetLists(lists):
            _drop(utterance)
            assistant.set_lists(lists)
            return Done(), None
        case ReadWav(path):
            return Audio(read_wav(path).tobytes()), utterance
        case Stream(rate):
            _drop(utterance)  # a turn cancelled mid-utterance: the recognizer decodes one at a time
            return Done(), assistant.stream(rate)
        case Feed(pcm):
            return Heard(utterance.feed(pcm), utterance.ended), utterance
        case Finish():
            return Recognized(utterance.finish()), None
        case Answer(recognition, facts, pending):
            return Answered(assistant.reply(recognition, facts, pending)), utterance
    raise TypeError(f"not a request of the voice worker: {request!r}")


def _drop(utterance: Any) -> None:
    """Finish an utterance nobody waits for any more: it frees the recognizer for the next."""
    if utterance is not None:
        try:
            utterance.finish()
        except Exception as exc:  # it may have failed half-way; the next one starts clean regardless
            log.debug("dropping an unfinished utterance: %s", exc)


def _failed(exc: Exception) -> Failed:
    return Failed(str(exc) or type(exc).__name__, isinstance(exc, VoiceError), traceback.format_exc())


# ----- the GUI process's side -------------------------------------------------------------------------


@contextlib.contextmanager
def _main_script_hidden() -> Iterator[None]:
    """A spawned child runs the parent's main script again to find what it is given (as __mp_main__),
    and a script without an ``if __name__ == "__main__"`` guard — a tool that renders screenshots —
    would open a second cockpit in it. What the child runs is in importable modules; hiding the
    script's path while the child starts lets it import only those."""
    main = sys.modules["__main__"]
    file, spec = getattr(main, "__file__", None), getattr(main, "__spec__", None)
    if file is not None:
        del main.__file__
    main.__spec__ = None
    try:
        yield
    finally:
        if file is not None:
            main.__file__ = file
        main.__spec__ = spec


class Worker:
    """One child process running the assistant ``make()`` returns (``make`` must pickle: a module-level
    function or class, or a functools.partial of one). Requests go through ``ask`` from asyncio."""

    def __init__(self, make: Callable[[], Any] = real_assistant) -> None:
        context = multiprocessing.get_context("spawn")
        self._conn, self._child_end = context.Pipe()
        # daemon: multiprocessing ends it at interpreter exit too, should close() never be called
        self._process = context.Process(target=serve, args=(make, self._child_end), name="voice-recognizer",
                                        daemon=True)
        self._io = ThreadPoolExecutor(1, thread_name_prefix="voice-recognizer-io")
        self._lock = threading.Lock()  # start() in the I/O thread against close() in the GUI thread
        self._closed = False
        self.engine = ""

    @property
    def pid(self) -> int | None:
        return self._process.pid

    @property
    def alive(self) -> bool:
        """Started, and not ended (killed, crashed, closed). Dead if either witness says so: waitpid can be
        beaten to the child by another reaper in the process (then it says "running"), and the sentinel
        pipe stays open while a process forked meanwhile (an audio library starting its daemon) holds a
        copy of its end until it execs."""
        if self.pid is None or self._closed:
            return False
        return self._process.is_alive() and not wait([self._process.sentinel], 0)

    async def start(self) -> str:
        """Start the child and wait until its assistant is loaded; returns the engine's name."""
        self.engine = await asyncio.get_running_loop().run_in_executor(self._io, self._start)
        return self.engine

    async def ask(self, request: Request) -> Response:
        """Send ``request``, wait for its response. Raises VoiceError, WorkerFailed or WorkerDied.

        Cancelling the caller does not cancel the exchange: the I/O thread still reads the response,
        so the next request gets its own."""
        return await asyncio.get_running_loop().run_in_executor(self._io, self._exchange, request)

    def close(self) -> None:
        """End the child (SIGTERM, then SIGKILL if it lingers) and wait for it: no orphan, no zombie."""
        with self._lock:
            self._closed = True
            started = self.pid is not None
        if started:
            self._process.terminate()
            self._process.join(EXIT_TIMEOUT_S)
            if self._process.exitcode is None:
                self._process.kill()
                self._process.join()
        self._io.shutdown(wait=False, cancel_futures=True)
        self._conn.close()
        self._child_end.close()

    def _start(self) -> str:
        with self._lock:
            if self._closed:
                raise WorkerDied("the speech recognizer was closed before it started")
            with _main_script_hidden():
                self._process.start()
        self._child_end.close()  # only the child holds its end: its death reads as end-of-file here
        return self._receive(LOAD_TIMEOUT_S).engine

    def _exchange(self, request: Request) -> Response:
        try:
            self._conn.send(request)
        except OSError:  # the child is gone (BrokenPipeError), or close() closed the pipe
            raise WorkerDied(self._death()) from None
        return self._receive(REPLY_TIMEOUT_S)

    def _receive(self, timeout: float) -> Response:
        try:
            if not self._conn.poll(timeout):
                self._process.kill()  # stuck: it would hold the next turn forever
                raise WorkerDied(f"The speech recognizer stopped answering (nothing for {timeout:.0f} s); "
                                 "push to talk to start it again")
            response = self._conn.recv()
        except (EOFError, OSError):
            raise WorkerDied(self._death()) from None
        if isinstance(response, Failed):
            if response.voice_error:
                raise VoiceError(response.message)
            log.error("the speech recognizer failed:\n%s", response.trace)
            raise WorkerFailed(response.message)
        return response

    def _death(self) -> str:
        """Why the child is gone, in words."""
        if self._closed:
            return "The speech recognizer was closed"
        self._process.join(EXIT_TIMEOUT_S)
        code = self._process.exitcode
        if code is None:
            how = "its pipe closed"
        elif code < 0:
            how = f"killed by {signal.Signals(-code).name}"
        else:
            how = f"exit status {code}"
        return f"The speech recognizer stopped ({how}); push to talk to start it again"
