"""``cockpit themes list|check`` and ``cockpit gallery``: for designers."""

from __future__ import annotations

import argparse
import os
import sys

from .common import CliError, input_file_or_folder, input_folder, output_folder, variant_from_args, variant_option


def register(sub: argparse._SubParsersAction) -> None:
    th = sub.add_parser("themes", help="list themes; check them against legibility and safety rules")
    ths = th.add_subparsers(dest="action", metavar="ACTION", required=True)
    ths.add_parser("list", help="the selectable themes: name, title, mode, file").set_defaults(handler=themes_list)
    chk = ths.add_parser("check", help="contrast, telltale colours, text and touch sizes, tokens the views use",
                         description="Check themes (files or folders; default: the shipped themes/) against "
                         "text contrast >= 4.5:1, UI elements >= 3:1, telltale colour meaning (blue only for the "
                         "high beam), text >= 24 px, touch targets >= 76 px, and every token a view uses. "
                         "Exits non-zero when any theme has an error.")
    chk.set_defaults(handler=themes_check)
    chk.add_argument("paths", nargs="*", type=input_file_or_folder, metavar="PATH", help="theme files or folders")
    chk.add_argument("-V", "--details", action="store_true", help="every measurement, not only failures")
    chk.add_argument("--json", action="store_true", help="machine-readable report")

    gal = sub.add_parser("gallery", help="render every view x theme x state to PNG, with an index.html contact sheet",
                         description="Render every view (cluster, center and each of its pages, hud) in every theme "
                         "and representative state (parked, driving, the driver assistance states, warnings, night, "
                         "no-data) offscreen to PNG, "
                         "and write DIR/index.html, a contact sheet to open in a browser.")
    gal.set_defaults(handler=gallery)
    gal.add_argument("--out", type=output_folder, required=True, metavar="DIR",
                     help="folder to write (created if missing, parents and all)")
    gal.add_argument("--views", help="comma-separated views (default: all the variant's screens)")
    variant_option(gal)
    gal.add_argument("--themes", help="comma-separated theme names (default: every selectable theme)")
    gal.add_argument("--states", help="comma-separated: parked, driving, acc-following, forward-collision, blind-spot, "
                     "lane-departure, warnings, night, no-data (default: all)")
    gal.add_argument("--theme-dir", action="append", type=input_folder, default=[], metavar="PATH",
                     help="extra theme folder, searched before the shipped themes (repeatable)")



def themes_list(args: argparse.Namespace) -> int:
    from cockpit.resources import THEMES_DIR
    from cockpit.theming.tokens import TokenError, load_theme, theme_files

    for f in theme_files(THEMES_DIR):
        try:
            t = load_theme(f)
            print(f"{t.name:16} {t.title:24} {t.mode:6} {f}")
        except TokenError as exc:
            print(f"{f.name.removesuffix('.tokens.json'):16} BROKEN: {exc}")
    return 0


def themes_check(args: argparse.Namespace) -> int:
    from cockpit.theming.check import main as check

    return check([str(p) for p in args.paths] or None, verbose=args.details, as_json=args.json)


def gallery(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from cockpit.gallery import make_gallery

    def names(text: str | None) -> list[str] | None:
        return [n.strip() for n in text.split(",") if n.strip()] if text else None

    try:
        summary = make_gallery(args.out, views=names(args.views), themes=names(args.themes),
                               states=names(args.states), theme_dirs=args.theme_dir,
                               variant=variant_from_args(args) if args.variant else None,
                               progress=lambda line: print(line, file=sys.stderr))
    except ValueError as exc:
        raise CliError(str(exc)) from exc
    for w in summary.warnings:
        print(f"warning: {w}", file=sys.stderr)
    print(summary)
    return 1 if summary.warnings else 0
