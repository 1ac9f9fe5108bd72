"""``cockpit profiles list|show|create|export|import|erase``: driver profiles from a terminal.

The same encrypted database the cockpit uses (``--data-dir``, else $COCKPIT_DATA_DIR, else the
user data folder). Nothing here needs Qt.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path

from .common import CliError, output_file_or_stdout, output_folder

PIN_HELP = ("the profile's PIN; '-' reads it from standard input (one line: its line ending is not part of it); "
            "asked for on the terminal when needed and not given")


def register(sub: argparse._SubParsersAction) -> None:
    pr = sub.add_parser("profiles", help="driver profiles: list, show, create, export, import, erase",
                        description="Driver profiles kept in this car: settings, seat and mirror positions, "
                        "favourite places, contacts… encrypted at rest (AES-256-GCM). Export gives a readable "
                        "JSON copy to take to another car; erase removes a profile from the disk for good.")
    pr.add_argument("--data-dir", type=output_folder, metavar="PATH",
                    help="where profiles are kept (default: $COCKPIT_DATA_DIR, else the user data folder)")
    ps = pr.add_subparsers(dest="action", metavar="ACTION", required=True)

    ps.add_parser("list", help="every profile: name, PIN, linked key").set_defaults(handler=profiles_list)

    show = ps.add_parser("show", help="what is stored in a profile",
                         description="What the car stores in a profile, section by section; --json prints the "
                         "whole profile as it would be exported.")
    show.add_argument("name", metavar="NAME")
    show.add_argument("--pin", help=PIN_HELP)
    show.add_argument("--json", action="store_true", help="the whole profile as JSON")
    show.set_defaults(handler=profiles_show)

    create = ps.add_parser("create", help="a new profile with the default settings",
                           description="Create a profile with the cockpit's default settings; the driver changes "
                           "them in the car and the profile remembers.")
    create.add_argument("name", metavar="NAME")
    create.add_argument("--pin", help="a 4-digit PIN protecting it (its data key is then derived from the PIN); "
                        "'-' reads it from standard input")
    create.add_argument("--key-fob", metavar="ID", help="the key fob identity that selects it when the car starts")
    create.set_defaults(handler=profiles_create)

    exp = ps.add_parser("export", help="write a profile to a readable JSON file (for another car)",
                        description="Write a profile to FILE as readable JSON ('-' for standard output). The PIN "
                        "and the key link stay in this car. The file holds personal data: keep it safe.")
    exp.add_argument("name", metavar="NAME")
    exp.add_argument("file", metavar="FILE", type=output_file_or_stdout)
    exp.add_argument("--pin", help=PIN_HELP)
    exp.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    exp.set_defaults(handler=profiles_export)

    imp = ps.add_parser("import", help="add a profile from an exported JSON file",
                        description="Add a profile from a file made by 'cockpit profiles export' (on this car or "
                        "another). The file is checked field by field; a bad file is refused with the reason.")
    imp.add_argument("file", metavar="FILE", help="the export file, or '-' to read it from standard input")
    imp.add_argument("--name", help="import under another name (e.g. when the name is taken)")
    imp.set_defaults(handler=profiles_import)

    erase = ps.add_parser("erase", help="erase a profile, or all of them, from the disk",
                          description="Erase a profile (or --all: every profile, the valet PIN, exports made in "
                          "the car and recovery copies) so that it is gone from the disk, not only hidden: its key "
                          "is destroyed, so no copy of it (a recovery copy, an old log page) opens again. "
                          "Asks to confirm unless --yes.")
    erase.add_argument("name", nargs="?", metavar="NAME")
    erase.add_argument("--all", action="store_true", help="every profile")
    erase.add_argument("--finish", action="store_true",
                       help="finish an erase that another program's open read transaction held up")
    erase.add_argument("--yes", "-y", action="store_true", help="do not ask to confirm")
    erase.set_defaults(handler=profiles_erase)


def _open(args: argparse.Namespace):  # noqa: ANN202
    from cockpit.profiles.store import ProfileDatabase

    db = ProfileDatabase(args.data_dir)
    report = db.open()
    for line in report.problems:
        print(f"cockpit: {line}", file=sys.stderr)
    for line in report.warnings:
        print(f"warning: {line}", file=sys.stderr)
    if db._conn is None:
        raise CliError("the profile database cannot be used (see above)")
    return db


def _errors():  # noqa: ANN202
    from cockpit.profiles.schema import ProfileFormatError
    from cockpit.profiles.store import ProfileError

    return ProfileError, ProfileFormatError


def _terminal() -> bool:
    """Whether there is someone to ask (standard input may be a pipe, a file, or closed)."""
    return sys.stdin is not None and sys.stdin.isatty()


def _pin(given: str | None) -> str | None:
    """The PIN as given with --pin; '-': one line of standard input, whose line ending ("\\n" or "\\r\\n",
    once) belongs to the line, not the PIN. Whatever else is there the store's check refuses, saying what."""
    if given != "-":
        return given
    if _terminal():
        return getpass.getpass("PIN: ")
    from cockpit.files import InputFileError, read_capped

    try:
        line = read_capped("-", 64, "a PIN").decode("utf-8")
    except InputFileError as exc:
        raise CliError(str(exc)) from None
    except UnicodeDecodeError:
        raise CliError("standard input: the PIN is not UTF-8 text") from None
    return line[:-2] if line.endswith("\r\n") else line.removesuffix("\n")


def _unlock(db, name: str, pin: str | None):  # noqa: ANN001, ANN202
    """The profile, asking for its PIN on the terminal when it has one and none was given."""
    from cockpit.profiles.store import PinRequired

    try:
        return db.unlock(name, pin)
    except PinRequired as exc:
        if not _terminal():
            raise CliError(f"{exc}: give it with --pin (--pin - reads it from standard input)") from None
        return db.unlock(name, getpass.getpass(f"PIN for {db.find(name).name}: "))


def _confirm(question: str, yes: bool) -> None:
    if yes:
        return
    if not _terminal():
        raise CliError("nothing erased: add --yes to confirm (there is no terminal to ask on)")
    answer = input(f"{question} This cannot be undone. Type 'yes' to erase: ")
    if answer.strip().lower() != "yes":
        raise CliError("nothing erased")


def profiles_list(args: argparse.Namespace) -> int:
    db = _open(args)
    try:
        rows = db.summaries(guests=False)
    except _errors() as exc:
        raise CliError(str(exc)) from None
    finally:
        db.close()
    if not rows:
        print("no profiles yet; create one with: cockpit profiles create NAME")
        return 0
    width = max(len(s.name) for s in rows)
    for s in rows:
        extras = [x for x in ("PIN" if s.has_pin else "", f"key {s.key_fob}" if s.key_fob else "") if x]
        print(f"{s.name:{width}}  {', '.join(extras)}".rstrip())
    return 0


def profiles_show(args: argparse.Namespace) -> int:
    from cockpit.profiles.schema import describe, export_document

    db = _open(args)
    try:
        profile = _unlock(db, args.name, _pin(args.pin))
    except _errors() as exc:
        raise CliError(str(exc)) from None
    finally:
        db.close()
    if args.json:
        print(json.dumps(export_document(profile.doc), indent=2, ensure_ascii=False))
        return 0
    print(f"{profile.name}: {'PIN' if profile.has_pin else 'no PIN'}"
          f"{', linked to key ' + profile.key_fob if profile.key_fob else ''}; stored encrypted in {db.path}")
    for row in describe(profile.doc):
        tag = "  (personal)" if row["personal"] else ""
        print(f"  {row['section']:22} {row['detail']}{tag}")
    return 0


def profiles_create(args: argparse.Namespace) -> int:
    db = _open(args)
    try:
        profile = db.create(args.name, pin=_pin(args.pin), key_fob=args.key_fob)
    except _errors() as exc:
        raise CliError(str(exc)) from None
    finally:
        db.close()
    print(f"created {profile.name!r}" + (" with a PIN" if args.pin else "")
          + (f", selected by key {args.key_fob}" if args.key_fob else ""))
    return 0


def profiles_export(args: argparse.Namespace) -> int:
    from cockpit.profiles.crypto import write_private
    from cockpit.profiles.schema import export_bytes

    target = None if args.file == "-" else Path(args.file)
    if target is not None and target.exists() and not args.force:
        raise CliError(f"{target} exists; add --force to overwrite it")
    db = _open(args)
    try:
        data = export_bytes(_unlock(db, args.name, _pin(args.pin)).doc)
    except _errors() as exc:
        raise CliError(str(exc)) from None
    finally:
        db.close()
    if target is None:
        sys.stdout.write(data.decode("utf-8"))
        return 0
    try:
        write_private(target, data)  # owner-only: it holds personal data, in the clear
    except OSError as exc:
        raise CliError(f"could not write {target}: {exc.strerror or exc}") from None
    print(f"exported {args.name!r} to {target} (readable JSON with personal data: keep it safe)")
    return 0


def profiles_import(args: argparse.Namespace) -> int:
    from cockpit.files import InputFileError, read_capped
    from cockpit.profiles.schema import MAX_EXPORT_BYTES

    source = "standard input" if args.file == "-" else args.file
    try:
        data = read_capped(args.file, MAX_EXPORT_BYTES, "a profile export")
    except InputFileError as exc:
        raise CliError(str(exc)) from None
    db = _open(args)
    try:
        profile = db.import_(data, source=source, name=args.name)
    except _errors() as exc:
        raise CliError(str(exc)) from None
    finally:
        db.close()
    print(f"imported {profile.name!r}")
    return 0


def profiles_erase(args: argparse.Namespace) -> int:
    if args.all + bool(args.name) + args.finish != 1:
        raise CliError("name one profile to erase, or use --all (or --finish)")
    db = _open(args)
    try:
        if args.finish:
            db.finish_erase()
            print("done: the database is rebuilt and its write-ahead log folded in and truncated")
        elif args.all:
            count = len(db.summaries(guests=False))
            _confirm(f"Erase all {count} profile(s) from this car, with the valet PIN, exports made in the car "
                     "and recovery copies?", args.yes)
            removed = db.erase_all()
            print(f"erased all profiles; new device key; removed {len(removed)} other file(s)"
                  if removed else "erased all profiles; new device key")
        else:
            summary = db.find(args.name)
            _confirm(f"Erase the profile {summary.name!r} from this car?", args.yes)
            name = db.erase(summary.id)
            print(f"erased {name!r} (its key destroyed, database rebuilt, write-ahead log truncated)")
    except _errors() as exc:
        raise CliError(str(exc)) from None
    finally:
        db.close()
    return 0
