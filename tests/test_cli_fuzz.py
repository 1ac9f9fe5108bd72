"""The command line, fuzzed: hypothesis builds argument vectors for every subcommand from the parser
itself, so a new command or option is covered the day it is added, and runs ``cockpit.cli.main``.

The property, for any vector: exit status 0 or 2 (1 only where the status is a command's verdict),
never an uncaught exception or a traceback in the log, and an end within HANG_S seconds.

It runs in this process, which makes an example cost milliseconds rather than a Python start-up,
with the world around it made safe and bounded (see ``bounded_world``):
- a command that runs until Ctrl+C (signals watch/record, gateway) gets 0.3 s instead;
- a command that would open windows (demo, cluster, center, hud, kiosk mode) stops at the point
  where it would open them: every check of its arguments has run by then, and counts as passed;
- gallery stops before its first picture, i18n check before rendering every screen (test_i18n
  runs it), voice install-model before it downloads, voice say writes into a temporary folder
  instead of playing;
- files, profiles, models and the working folder are a temporary folder's; standard input is empty;
  standard output encodes strictly as UTF-8, like a terminal's;
- a SIGALRM after HANG_S seconds turns a hang into a failure that names the vector.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import logging
import os
import signal
import tempfile
import time
import wave
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cockpit.cli as cli

HANG_S = 60  # a hang guard, not a measure of speed
# Examples per command: a fixed set by default (the same on every run, so a failure is never a
# fluke of the day); CLI_FUZZ_EXAMPLES=500 explores afresh.
DEFAULT_EXAMPLES = 12
EXAMPLES = int(os.environ.get("CLI_FUZZ_EXAMPLES", DEFAULT_EXAMPLES))
RUN_S = 0.3  # how long a command that runs until Ctrl+C runs here
VERDICTS = {("themes", "check")}  # commands whose exit status 1 is an answer ("a theme has errors")

# Values for any argument: numbers at and beyond every edge, names that exist and names that do not,
# control characters, bidi overrides, invalid UTF-8 (as Python passes it on: surrogate escapes), a
# long string, and places on the disk (made by ``places``): a folder, a FIFO, files, missing ones.
# No device: a regression that wrote to one (an atomic rename once replaced /dev/null) would damage
# the machine; test_cli.py checks the validator against /dev/null without writing.
NUMBERS = ["0", "-0", "1", "0.5", "-5", "1e9", "1e300", "1e-300", "nan", "inf", "-inf", "9" * 5000, "0x10", "1_0"]
NAMES = ["", " ", "nope", "Vehicle.Speed", "Vehicle.", "dark", "light", "../themes/dark", "home", "driver", "hud",
         "cluster,center", "en", "en-us", "sim", "can-sim", "zenoh", "replay:missing.jsonl", "replay:fifo",
         "replay:file.txt", "replay:drive.jsonl", "can:virtual:fuzz", "can:nosuchinterface:fuzz0",
         "tcp/127.0.0.1:1", "udp/999.1.1.1:1", "nonsense/", "-", "--",
         "a\x1b[31mred", "\u202eevil", "caf\u00e9", "\udcff\udcfe", "x" * 5000]
PLACES = ["folder", "fifo", "file.txt", "silence.wav", "drive.jsonl", "missing/x.out", "file.txt/x", "new.out", "."]
VALUES = st.sampled_from(NUMBERS + NAMES + PLACES) | st.text(st.characters(exclude_characters="\x00"), max_size=12)


class WouldRun(BaseException):  # noqa: N818 - not an error: the command got as far as doing its job
    """Raised where a command would start something unbounded (windows, a download)."""


def leaves(p: argparse.ArgumentParser, chain: tuple = ()) -> Iterator[tuple]:
    """Every runnable command: the chain of (name, parser) from the top to it."""
    subs = [a for a in p._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        yield chain + ((None, p),)
        return
    for name, sub in subs[0].choices.items():
        yield from leaves(sub, chain + ((name, p),))


COMMANDS = {" ".join(name for name, _ in chain if name): chain for chain in leaves(cli.parser())}


def values(action: argparse.Action) -> st.SearchStrategy[list[str]]:
    one = st.sampled_from(list(action.choices)) | VALUES if action.choices else VALUES
    n = action.nargs
    if n == 0:
        return st.just([])
    if n is None:
        return one.map(lambda v: [v])
    if n == "?":
        return st.lists(one, max_size=1)
    if n in ("*", "+"):
        return st.lists(one, min_size=1 if n == "+" else 0, max_size=2)
    return st.lists(one, min_size=n, max_size=n)


def arguments(p: argparse.ArgumentParser) -> st.SearchStrategy[list[str]]:
    """Some of ``p``'s options (any spelling, values from VALUES) and then its positionals."""
    options = [a for a in p._actions if a.option_strings and not isinstance(a, (argparse._HelpAction,
                                                                                argparse._VersionAction))]
    positionals = [a for a in p._actions if not a.option_strings and not isinstance(a, argparse._SubParsersAction)]

    def option(a: argparse.Action) -> st.SearchStrategy[list[str]]:
        return st.tuples(st.sampled_from(a.option_strings), values(a)).map(lambda t: [t[0], *t[1]])

    required = [a for a in options if a.required]  # always there, or argparse alone would answer
    chosen = st.lists(st.sampled_from(options), max_size=4).flatmap(
        lambda picked: st.tuples(*(option(a) for a in required + picked))) if options else st.just(())
    return st.tuples(chosen, st.tuples(*(values(a) for a in positionals))).map(
        lambda t: [v for group in (*t[0], *t[1]) for v in group])


def argv_for(chain: tuple) -> st.SearchStrategy[list[str]]:
    parts = [arguments(p).map(lambda args, name=name: [*args, *([name] if name else [])]) for name, p in chain]
    return st.tuples(*parts).map(lambda groups: [v for g in groups for v in g])


@pytest.fixture(scope="module")
def places() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="cockpit-fuzz-") as tmp:
        root = Path(tmp)
        (root / "folder").mkdir()
        os.mkfifo(root / "fifo")
        (root / "file.txt").write_text("not what anything expects\n")
        with wave.open(str(root / "silence.wav"), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(16000)
            w.writeframes(bytes(2 * 8000))
        (root / "drive.jsonl").write_text('{"t": 0, "path": "Vehicle.Speed", "value": 10.0, "status": "AVAILABLE"}\n')
        yield root


@contextlib.contextmanager
def bounded_world(root: Path) -> Iterator[tuple[io.TextIOWrapper, io.TextIOWrapper, list[logging.LogRecord]]]:
    import cockpit.bus.config
    import cockpit.cli.display
    import cockpit.cli.fleet
    import cockpit.cli.signals
    import cockpit.cli.voice
    import cockpit.gallery
    import cockpit.i18n.fit
    import cockpit.kiosk.app
    import voice.models

    from .zenoh_helpers import free_endpoint

    def until_stopped(seconds=None, finished=None, tick=lambda: None):  # noqa: ANN001, ANN202
        end = time.monotonic() + min(RUN_S if seconds is None else seconds, RUN_S)
        while time.monotonic() < end and not (finished is not None and finished.is_set()):
            tick()
            time.sleep(0.02)
        tick()

    def would_run(what: str):  # noqa: ANN202
        def stop(*_args, **_kwargs):  # noqa: ANN002, ANN003, ANN202
            raise WouldRun(what)
        return stop

    real_gallery = cockpit.gallery.make_gallery

    def gallery(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        return real_gallery(*args, **{**kwargs, "progress": would_run("the first picture")})

    def which(name: str, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        return None  # no audio player: voice say leaves the speech in its (temporary) folder

    stdout = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict")  # a terminal's
    stderr = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="backslashreplace")
    records: list[logging.LogRecord] = []
    catch = logging.Handler(logging.DEBUG)
    catch.emit = records.append
    with contextlib.ExitStack() as stack:
        for target, name, new in (
            (cockpit.cli.signals, "until_stopped", until_stopped),
            (cockpit.cli.display, "until_stopped", until_stopped),
            (cockpit.cli.fleet, "until_stopped", until_stopped),
            (cockpit.cli.fleet, "FLEET_PORT", int(free_endpoint().rsplit(":", 1)[1])),  # not a real collector's
            (cockpit.cli.display, "gui_application", would_run("the windows")),
            (cockpit.kiosk.app, "run_kiosk", would_run("kiosk mode")),
            (cockpit.gallery, "make_gallery", gallery),
            (cockpit.i18n.fit, "check_fit", would_run("the screens' renders")),
            (voice.models, "_download", would_run("the download")),
            (cockpit.cli.voice.shutil, "which", which),
            (cockpit.bus.config, "DEFAULT_ENDPOINT", free_endpoint()),  # not the real gateway's port
            (tempfile, "tempdir", str(root)),
        ):
            stack.enter_context(mock.patch.object(target, name, new))
        stack.enter_context(mock.patch.dict(os.environ, {"COCKPIT_DATA_DIR": str(root / "profiles"),
                                                         "XDG_DATA_HOME": str(root / "data")}))
        stack.enter_context(mock.patch("sys.stdin", io.TextIOWrapper(io.BytesIO(b""))))
        stack.enter_context(contextlib.redirect_stdout(stdout))
        stack.enter_context(contextlib.redirect_stderr(stderr))
        stack.enter_context(contextlib.chdir(root))
        logging.getLogger().addHandler(catch)
        stack.callback(logging.getLogger().removeHandler, catch)
        yield stdout, stderr, records


class Hang(Exception):
    pass


def run(argv: list[str], root: Path) -> tuple[int | str, str, list[logging.LogRecord]]:
    def alarm(*_):  # noqa: ANN002, ANN202
        raise Hang(f"cockpit {argv}: still running after {HANG_S} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(HANG_S)
    try:
        with bounded_world(root) as (stdout, stderr, records):
            try:
                code: int | str = cli.main(list(argv))
            except SystemExit as exc:  # argparse: 2 for a mistake, 0 for --help
                code = exc.code
            except WouldRun as exc:
                code = f"would run {exc}"
            stdout.flush()
            stderr.flush()
            err = stderr.buffer.getvalue().decode("utf-8", "replace")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    return code, err, records


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_any_arguments_end_in_a_result_or_a_clear_error(command, places, qapp):
    chain = COMMANDS[command]

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES == DEFAULT_EXAMPLES,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(argv_for(chain))
    def property_(argv: list[str]) -> None:
        shown = [a if len(a) <= 60 else f"{a[:20]}…({len(a)} characters)" for a in argv]
        try:
            code, err, records = run(argv, places)
        except Exception as exc:
            raise AssertionError(f"cockpit {shown}: {type(exc).__name__}: {str(exc)[:300]}") from exc
        allowed = {0, 2, 1} if tuple(command.split()) in VERDICTS else {0, 2}
        assert code in allowed or str(code).startswith("would run"), (shown, code, err[-2000:])
        assert "Traceback" not in err, (shown, err[-2000:])
        tracebacks = [r.getMessage()[:300] for r in records if r.exc_info]
        assert not tracebacks, (shown, tracebacks)
        if code == 2:
            assert err.strip(), (shown, "exit 2 without a word")

    property_()
