"""VoiceStore: the offline voice assistant as the views see it — push-to-talk, the live partial
transcript, the answer — wired to the stores that carry its actions out.

The GUI thread only renders (DESIGN rule 5). Each turn is an asyncio task on qasync's loop, which
is Qt's loop (cockpit/hmi/event_loop.py). The assistant — loading models, building grammars, feeding
audio, decoding, answering — runs in a process of its own (voice/worker.py): pocketsphinx holds
Python's interpreter lock while it works, so in a thread of this process it held the GUI thread too.
Speech synthesis runs in one speaker thread (pyttsx3 must stay in one thread; espeak lets go of the
lock while it synthesises). The task awaits both and resumes on the GUI thread to update properties
and to carry actions out through the stores.

The recognizer process dying (killed, crashed) ends the turn with an error in words; the next turn
starts a new one.

State machine (``state``)::

    idle ──pushToTalk──► listening ──end of speech / pushToTalk──► thinking ──► speaking ──► idle
    speaking ──pushToTalk──► listening  (barge-in: the reply stops at once)
    any ──cancel──► idle

The microphone is open only while listening, so it never hears the car's own voice.
"""

from __future__ import annotations

import asyncio
import functools
import itertools
import logging
import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from cockpit.vehicle.store import SignalStore
from voice.errors import VoiceError
from voice.worker import Answer, Feed, Finish, ReadWav, SetLists, Stream, Worker, WorkerDied, real_assistant

from .audio import CHUNK_S, SAMPLE_RATE, AudioError, Microphone, Player, chunks, devices
from .domain import prop
from .event_loop import qt_loop
from .navigation_store import NavigationStore
from .phone_store import PhoneStore
from .voice_actions import VoiceActions
from .voice_facts import VehicleFacts

QML_IMPORT_NAME = "Cockpit.Stores"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

# Push-to-talk with nobody speaking ends by itself after this long.
MAX_LISTEN_S = 10.0
# The microphone's pieces waiting for the recognizer: a whole turn's worth (it ends after MAX_LISTEN_S),
# so none is dropped unless the recognizer has fallen a whole turn behind.
MAX_WAITING_PIECES = int(MAX_LISTEN_S / CHUNK_S) + 10

# What the settings page says while the fallback engine is in use (voice/models.py finds a vosk model).
BETTER_ENGINE = "Built-in English model. A vosk model recognises better: see “cockpit voice models”."

# An audio source opened for one turn: its sample rate and its pieces of 16-bit mono PCM.
Audio = tuple[int, AsyncIterator[bytes]]
OpenAudio = Callable[[Worker], Awaitable[Audio]]


def load_speaker() -> Any:
    from voice.speaker import Speaker

    return Speaker()


@QmlElement
@QmlUncreatable("created by the application")
class VoiceStore(QObject):
    changed = Signal()

    def __init__(self, signals: SignalStore, actions: VoiceActions, navigation: NavigationStore | None,
                 phone: PhoneStore, parent: QObject | None = None,
                 make_assistant: Callable[[], Any] = real_assistant,
                 make_speaker: Callable[[], Any] = load_speaker, languages: tuple[str, ...] = ("en",)):
        super().__init__(parent)
        self._signals, self._actions, self._navigation, self._phone = signals, actions, navigation, phone
        # make_assistant runs in the recognizer process: it must pickle (see voice.worker.Worker)
        self._make_assistant, self._make_speaker = make_assistant, make_speaker
        self._v = {"state": "idle", "partial": "", "transcript": "", "answer": "", "engine": "",
                   "engineHint": "", "available": False, "error": "",
                   "languages": list(languages)}  # what it listens in (the variant's; the models it has)
        self._tts = ThreadPoolExecutor(1, thread_name_prefix="voice-speaker")
        # Probed now, before the first frame: the first probe loads QtMultimedia's backend on the GUI thread
        # (~40 ms), which once the screens run is a stalled frame. (Loading it from a worker thread
        # deadlocked: its static set-up logs through the Python message handler while holding the
        # dynamic loader's lock, against a thread importing an extension module.)
        devices()
        self._worker: Worker | None = None  # the recognizer process, once its assistant is loaded
        self._starting: Worker | None = None  # … while it loads
        self._speaker: Any = None
        self._loading: asyncio.Task | None = None
        self._lists_sent: asyncio.Task | None = None  # the last grammar rebuild asked for
        self._turn_task: asyncio.Task | None = None
        self._pending: Any = None  # an Action waiting for the driver's yes or no
        self._lists: dict[str, list[str]] = {}  # what the driver may name, beyond the built-in ones
        self._lists_changed = False
        self._sentences: tuple[Path, ...] = ()  # installed sentence roots (updates) beside the shipped ones
        self._restart_pending = False
        self._end_now = False
        self._heard_audio: asyncio.Queue[bytes | None] | None = None
        self._mic = Microphone(self._heard, self)
        self._player = Player(self)
        self._scratch = tempfile.TemporaryDirectory(prefix="cockpit-voice-")
        self._replies = itertools.count()

    # ----- what the views call --------------------------------------------------------------------

    @Slot()
    def pushToTalk(self) -> None:
        """Start listening; pressed while listening it ends the utterance; while the car speaks it
        stops the reply and listens (barge-in); while thinking it waits for the answer."""
        state = self._v["state"]
        if state == "listening":
            self._end_listening()
        elif state != "thinking":
            self._begin(self._open_microphone)

    @Slot()
    def cancel(self) -> None:
        """Drop the turn in progress (and any question waiting for an answer)."""
        self._pending = None
        self._stop_turn()
        self._set(state="idle", partial="")

    @Slot(str)
    def listenToFile(self, path: str) -> None:
        """Listen to a WAV file as if it were spoken now (kiosk demo, tests)."""
        self.listen_to_file(Path(path))

    # ----- for Python callers ---------------------------------------------------------------------

    def listen_to_file(self, path: Path, pace: float = 1.0) -> asyncio.Task:
        """A turn fed from a WAV file in 100 ms pieces, through the same streaming path as the
        microphone; ``pace`` 1.0 is real time, 0 as fast as the recognizer goes."""
        return self._begin(lambda worker: self._open_file(worker, path, pace))

    def warm_up(self) -> None:
        """Start the recognizer process now (after the first frame) rather than at the first press."""
        self._ensure_loading()

    def set_lists(self, lists: dict[str, list[str]]) -> None:
        """Names the driver may say (``contact``, ``place``, ``driver``, ``theme``), e.g. from the
        driver's profile; they join the car's own and take effect from the next utterance."""
        lists = {name: sorted(values) for name, values in lists.items()}
        if lists == self._lists:  # the profile store says "changed" for far more than names
            return
        self._lists = lists
        self._lists_changed = True
        if self._v["state"] == "idle":
            self._apply_lists()

    def names_changed(self) -> None:
        """The car's own names changed (a map loaded: its streets are places): the grammar follows."""
        self._lists_changed = True
        if self._v["state"] == "idle":
            self._apply_lists()

    def use_sentences(self, folders: list[Path]) -> None:
        """Sentence files installed by an update join the shipped ones: the recognizer's process starts
        again with them, between turns (now when idle, else when the turn ends)."""
        if tuple(folders) == self._sentences:
            return
        self._sentences = tuple(folders)
        self._restart_pending = True
        if self._v["state"] == "idle":
            self._restart()

    def _restart(self, load: bool | None = None) -> None:
        """End the recognizer process; start a new one if ``load`` (default: if one was loaded or loading)."""
        self._restart_pending = False
        if load is None:
            load = self._worker is not None or self._loading is not None
        if self._loading is not None:
            self._loading.cancel()
            self._loading = None  # cancelled, not yet done: a new one starts now
        self._drop_worker()
        if load:
            self._ensure_loading()

    def announce(self, text: str) -> None:
        """A prompt of the car's own (a turn ahead): spoken when the assistant is idle, never over
        the driver or an answer; shown as the answer too."""
        if self._v["state"] != "idle" or self._speaker is None:
            return
        self._set(answer=text)
        qt_loop().create_task(self._prompt(text))

    async def _prompt(self, text: str) -> None:
        try:
            await self._say(text)
        finally:
            if self._v["state"] == "speaking":
                self._set(state="idle")

    def forget(self) -> None:
        """A new person in the seat (kiosk visitor, guest wipe): no turn, question or words left behind."""
        self.cancel()
        self._set(transcript="", answer="", error="")

    def use(self, make_assistant: Callable[[], Any], speaker: Any | None) -> None:
        """Use these instead of voice.assistant and voice.speaker (harnesses and tests): the recognizer
        process restarts with ``make_assistant`` (which must pickle); ``speaker`` speaks from now on."""
        self._make_assistant, self._speaker = make_assistant, speaker
        self._make_speaker = lambda: speaker
        self._restart(load=True)

    def close(self) -> None:
        """Stop the turn, end the recognizer process and wait for it (none outlives the cockpit)."""
        self.cancel()
        if self._loading is not None:
            self._loading.cancel()
        self._drop_worker()
        self._tts.shutdown(wait=False, cancel_futures=True)
        self._scratch.cleanup()

    # ----- the turn --------------------------------------------------------------------------------

    def _begin(self, open_audio: OpenAudio) -> asyncio.Task:
        self._stop_turn()
        self._end_now = False
        self._set(state="listening", partial="", transcript="", answer="", error="")
        self._turn_task = qt_loop().create_task(self._turn(open_audio))
        return self._turn_task

    def _stop_turn(self) -> None:
        if self._speaker is not None:
            self._speaker.stop()  # drops a reply still being synthesised (thread-safe)
        self._player.stop()
        self._mic.stop()
        if self._turn_task is not None and not self._turn_task.done():
            self._turn_task.cancel()
        self._turn_task = None

    async def _turn(self, open_audio: OpenAudio) -> None:
        try:
            worker = await self._ready()
            if worker is None:
                return
            rate, audio = await open_audio(worker)
            text = await self._recognize_and_answer(worker, rate, audio)
            if text:
                await self._say(text)
        except WorkerDied as exc:  # killed, crashed, stuck: the next turn starts a new one
            log.warning("%s", exc)
            self._drop_worker()
            self._set(error=str(exc))
        except (AudioError, VoiceError) as exc:  # no microphone, an unreadable file: say which and why
            self._set(error=str(exc))
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # a bad result from the assistant: say so, keep the cockpit running
            log.exception("voice turn failed")
            self._set(error=f"The voice assistant failed: {exc}")
        finally:
            if asyncio.current_task() is self._turn_task:  # not replaced by a newer turn meanwhile
                self._mic.stop()
                self._set(state="idle", partial="")
                if self._restart_pending:
                    self._restart()
                self._apply_lists()

    async def _recognize_and_answer(self, worker: Worker, rate: int, audio: AsyncIterator[bytes]) -> str:
        loop = qt_loop()
        await worker.ask(Stream(rate))
        started = loop.time()
        async for piece in audio:
            heard = await worker.ask(Feed(piece))
            if heard.partial:
                self._set(partial=heard.partial)
            if heard.ended or self._end_now or loop.time() - started > MAX_LISTEN_S:
                break
        self._set(state="thinking")
        recognition = (await worker.ask(Finish())).recognition
        self._set(transcript=recognition.text, partial="")
        facts = VehicleFacts.snapshot(self._signals, self._navigation)
        reply = (await worker.ask(Answer(recognition, facts, self._pending))).reply
        text = self._carry_out(reply)
        self._set(answer=text)
        return "" if reply.action is not None and reply.action.name == "dialogue.stop" else text

    def _carry_out(self, reply: Any) -> str:
        """Act on the assistant's reply through the stores; returns what to tell the driver."""
        if reply.confirm:  # a risky action: ask first, act on the next "yes"
            self._pending = reply.action
            return reply.text
        self._pending = None
        action = reply.action
        if action is None or action.name.startswith("dialogue."):  # answers, refusals, yes/no/stop
            return reply.text
        why = self._actions.run(action.name, dict(action.args))
        return f"Sorry, {why}." if why else reply.text

    async def _say(self, text: str) -> None:
        if self._speaker is None:
            return
        wav = Path(self._scratch.name) / f"reply-{next(self._replies)}.wav"
        try:
            await qt_loop().run_in_executor(self._tts, self._speaker.synthesize, text, wav)
        except Exception as exc:  # the answer is on screen; speech is a bonus
            log.warning("could not synthesise the reply: %s", exc)
            return
        self._set(state="speaking")
        try:
            await self._player.play(wav)
        finally:
            wav.unlink(missing_ok=True)

    def _end_listening(self) -> None:
        self._end_now = True
        if self._heard_audio is not None:
            self._heard_audio.put_nowait(None)

    # ----- audio sources ---------------------------------------------------------------------------

    async def _open_microphone(self, _: Worker) -> Audio:
        self._mic.start()
        self._heard_audio = asyncio.Queue(MAX_WAITING_PIECES)
        return self._mic.sample_rate, self._microphone_audio(self._heard_audio)

    def _heard(self, data: bytes) -> None:
        if self._v["state"] == "listening" and self._heard_audio is not None:
            try:
                self._heard_audio.put_nowait(data)
            except asyncio.QueueFull:  # the recognizer is a whole turn behind: the turn is over anyway
                log.warning("the speech recognizer fell behind: a piece of audio dropped")

    @staticmethod
    async def _microphone_audio(queue: asyncio.Queue[bytes | None]) -> AsyncIterator[bytes]:
        while (data := await queue.get()) is not None:
            yield data

    async def _open_file(self, worker: Worker, path: Path, pace: float) -> Audio:
        pcm = (await worker.ask(ReadWav(path))).pcm  # resampled there: an FFT of up to 30 s of audio
        return SAMPLE_RATE, self._file_audio(chunks(pcm, SAMPLE_RATE), pace)

    @staticmethod
    async def _file_audio(pieces: list[bytes], pace: float) -> AsyncIterator[bytes]:
        loop = qt_loop()
        start = loop.time()
        for i, piece in enumerate(pieces):
            # as a microphone would deliver it: each piece once it has "been spoken"
            await asyncio.sleep(max(0.0, start + (i + 1) * CHUNK_S * pace - loop.time()))
            yield piece

    # ----- loading ---------------------------------------------------------------------------------

    async def _ready(self) -> Worker | None:
        """The recognizer process, started (again) if need be; None if it cannot start (error set)."""
        if self._worker is not None and not self._worker.alive:  # ended between turns (killed, crashed)
            log.warning("the speech recognizer had stopped: starting it again")
            self._drop_worker()
        if self._worker is None:
            await asyncio.shield(self._ensure_loading())
        return self._worker

    def _ensure_loading(self) -> asyncio.Task:
        if self._worker is None and (self._loading is None or self._loading.done()):
            self._loading = qt_loop().create_task(self._load())
        return self._loading

    async def _load(self) -> None:
        make = functools.partial(self._make_assistant, self._sentences) if self._sentences else self._make_assistant
        worker = self._starting = Worker(make)
        lists, self._lists_changed = self._all_lists(), False
        try:
            await worker.start()
            await worker.ask(SetLists(lists))  # the grammar is built here, never during a query
        except asyncio.CancelledError:
            worker.close()
            raise
        except Exception as exc:  # not installed, no model: the rest of the cockpit carries on
            worker.close()
            log.warning("voice assistant unavailable: %s", exc)
            self._set(error=f"Voice assistant unavailable: {exc}")
            return
        finally:
            if self._starting is worker:
                self._starting = None
        self._worker = worker
        if self._speaker is None:
            try:
                self._speaker = await qt_loop().run_in_executor(self._tts, self._make_speaker)
            except Exception as exc:
                log.warning("spoken replies unavailable: %s", exc)
        self._loaded(worker.engine)
        if self._v["state"] == "idle":  # names that came while it loaded
            self._apply_lists()

    def _drop_worker(self) -> None:
        """End the recognizer process (and one still starting); the next turn starts another."""
        for worker in (self._worker, self._starting):
            if worker is not None:
                worker.close()
        self._worker = self._starting = None

    def _apply_lists(self) -> None:
        """New names rebuild the recognizer's grammar: done between turns, never during a query (the
        recognizer process answers one request at a time, in order)."""
        if self._lists_changed and self._worker is not None:
            self._lists_changed = False
            self._lists_sent = qt_loop().create_task(self._send_lists(self._worker, self._all_lists()))

    @staticmethod
    async def _send_lists(worker: Worker, lists: dict[str, list[str]]) -> None:
        try:
            await worker.ask(SetLists(lists))
        except Exception as exc:  # a dead process is found by the next turn, which starts one with these
            log.warning("the new names are not in the grammar: %s", exc)

    def _all_lists(self) -> dict[str, list[str]]:
        own = {"contact": self._phone.contacts, "place": self._navigation.places if self._navigation else [],
               "theme": [t["name"] for t in self._actions.settings.property("themes")]}
        return {name: sorted({*own.get(name, []), *self._lists.get(name, [])}) for name in {*own, *self._lists}}

    def _loaded(self, engine: str) -> None:
        # without a microphone only WAV files can be heard: push-to-talk then says why
        self._set(engine=engine, engineHint=BETTER_ENGINE if engine == "pocketsphinx" else "",
                  available=devices().microphone)

    def _set(self, **values: Any) -> None:
        new = {**self._v, **values}
        if new != self._v:
            self._v = new
            self.changed.emit()

    state = prop(str, "state", changed)
    partial = prop(str, "partial", changed)
    transcript = prop(str, "transcript", changed)
    answer = prop(str, "answer", changed)
    engine = prop(str, "engine", changed)
    engineHint = prop(str, "engineHint", changed)
    available = prop(bool, "available", changed)
    error = prop(str, "error", changed)
    languages = prop("QVariantList", "languages", changed)
