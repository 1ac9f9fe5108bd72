"""``cockpit variants list|check``: the cars this cockpit is built for, and their files checked."""

from __future__ import annotations

import argparse

from .common import CliError, input_file, theme_names


def register(sub: argparse._SubParsersAction) -> None:
    v = sub.add_parser("variants", help="the vehicle variants: list them; check variant files",
                       description="A variant says what a car has: displays, feature modules, theme, CAN mapping, "
                       "units and locale (see docs/variants.md). 'cockpit demo --variant NAME' runs one.")
    what = v.add_subparsers(dest="action", metavar="ACTION", required=True)
    what.add_parser("list", help="the shipped variants: name, car, segment, screens, modules").set_defaults(
        handler=variants_list)
    check = what.add_parser("check", help="check variant files (default: the shipped ones); exit 2 on a mistake",
                            description="Check variant files whole: every key known and of the right kind, the "
                            "theme and the CAN mapping shipped (the mapping read against its DBC), the screens "
                            "possible. Each mistake is one line naming the file and the key.")
    check.add_argument("files", nargs="*", type=input_file, metavar="FILE")
    check.set_defaults(handler=variants_check)


def _modules(v) -> str:  # noqa: ANN001
    from cockpit.variant import ADAS_LEVELS

    m = v.modules
    return ", ".join([*(["navigation"] if m.navigation else []),
                      f"ADAS {m.adas} ({ADAS_LEVELS[m.adas].split(' (')[0]})",
                      f"voice {'/'.join(m.voice)}" if m.voice else "no voice",
                      *(["profiles"] if m.profiles else []), *(["kiosk"] if m.kiosk else [])])


def variants_list(args: argparse.Namespace) -> int:
    from cockpit.variant import VariantError, load_variant, variant_names

    for name in variant_names():
        try:
            v = load_variant(name)
        except VariantError as exc:
            print(f"{name:10} BROKEN: {exc.reason}")
            continue
        screens = " + ".join("center (cluster in it)" if w == "center" and v.displays.integrated else w
                             for w in v.displays.windows)
        print(f"{v.name:10} {v.title:14} {v.segment:24} {screens}; {_modules(v)}; theme {v.theme}, {v.locale}")
    return 0


def variants_check(args: argparse.Namespace) -> int:
    from cockpit.variant import VariantError, check_can, load_variant, variant_files

    files = args.files or variant_files()
    themes = theme_names()
    failed = []
    for f in files:
        try:
            v = load_variant(f, themes)
            check_can(v)
        except VariantError as exc:
            failed.append(str(exc))
            continue
        print(f"variant {f}: ok ({v.title}: {', '.join(v.displays.windows)})")
    if failed:
        raise CliError("\n".join(failed))
    return 0
