"""Kiosk demo mode: ``cockpit demo --kiosk [--kiosk-config FILE]`` and ``cockpit kiosk check``."""

from __future__ import annotations

import argparse

from .common import CliError, input_file, theme_names, variant_from_args


def options(demo: argparse.ArgumentParser) -> None:
    """``--kiosk`` and ``--kiosk-config`` on ``cockpit demo``."""
    g = demo.add_argument_group("kiosk (an unattended showroom demo; see docs/kiosk.md)")
    g.add_argument("--kiosk", action="store_true",
                   help="full screen without borders or cursor, a guided tour until someone touches the screen, "
                   "a reset after they leave; only the operator's PIN (long-press a corner) closes it")
    g.add_argument("--kiosk-config", type=input_file, metavar="FILE",
                   help="the kiosk file: PIN, idle reset, tour, defaults (default assets/kiosk/kiosk.yaml)")


def register(sub: argparse._SubParsersAction) -> None:
    kiosk = sub.add_parser("kiosk", help="kiosk demo mode: check a kiosk file and its tour",
                           description="Kiosk demo mode runs with 'cockpit demo --kiosk'. 'cockpit kiosk check' "
                           "reads a kiosk file and its tour script and reports any mistake (file, step, reason) "
                           "before the stand opens.")
    what = kiosk.add_subparsers(dest="kiosk_command", metavar="ACTION", required=True)
    check = what.add_parser("check", help="validate a kiosk file and its tour script",
                            description="Validate a kiosk file (default: the shipped one) and the tour it names.")
    check.add_argument("--kiosk-config", type=input_file, metavar="FILE",
                       help="the kiosk file (default: the shipped one)")
    check.add_argument("--tour", type=input_file, metavar="FILE", help="check this tour script instead of the file's")
    check.set_defaults(handler=run_check)


def _load(args: argparse.Namespace):  # noqa: ANN202
    from cockpit.kiosk.config import ConfigError, load_config
    from cockpit.kiosk.tour import TourError, load_tour

    try:
        config = load_config(args.kiosk_config)
        tour = load_tour(getattr(args, "tour", None) or config.tour, set(theme_names(getattr(args, "theme_dir", []))))
    except (ConfigError, TourError) as exc:
        raise CliError(str(exc)) from None
    return config, tour


def run_check(args: argparse.Namespace) -> int:
    config, tour = _load(args)
    print(f"kiosk file {config.file}: ok (idle reset {config.idle_reset_s:g} s, PIN corner {config.unlock.corner}, "
          f"hold {config.unlock.hold_s:g} s)")
    if config.placeholder_pin:
        print("  warning: the PIN is still the shipped placeholder; set your own before opening the stand")
    d = tour.drive
    print(f"tour {tour.file}: ok, {len(tour.steps)} steps over {tour.length_s:g} s "
          f"({d.cycle} from {d.start_s:g} s, seed {d.seed})")
    for step in tour.steps:
        what = ", ".join(step.actions) or "caption"
        print(f"  {step.number:2d}  {step.at:6.1f} s  {what:<24} {step.caption}")
    return 0


_KIOSK_IGNORES = {  # demo options kiosk mode has no use for, and whether one was given
    "--theme": lambda a: a.theme is not None,
    "--views": lambda a: a.views is not None,
    "--cycle": lambda a: a.cycle != "wltc",
    "--route": lambda a: a.route is not None,
    "--seed": lambda a: a.seed != 1,
    "--dev": lambda a: a.dev,
    "--no-profiles": lambda a: a.no_profiles,
    "--dbc": lambda a: a.dbc is not None,
    "--mapping": lambda a: a.mapping is not None,
    "--replay-speed": lambda a: a.replay_speed is not None,
    "--connect": lambda a: bool(a.connect),
    "--listen": lambda a: bool(a.listen),
}


def run(args: argparse.Namespace) -> int:
    """``cockpit demo --kiosk``."""
    if args.source != "sim":
        raise CliError("--kiosk drives the simulator (its tour scripts the drive); leave out --source")
    if ignored := [option for option, given in _KIOSK_IGNORES.items() if given(args)]:
        raise CliError(f"{', '.join(ignored)}: not used in kiosk mode (the kiosk file and its tour decide the "
                       "look and the drive); leave it out")
    config, _ = _load(args)
    variant = variant_from_args(args)
    if not variant.modules.kiosk:
        raise CliError(f"the {variant.title} ({variant.name}) has no kiosk mode (modules.kiosk in {variant.file})")
    from cockpit.kiosk.app import run_kiosk

    try:
        return run_kiosk(config, theme_dirs=args.theme_dir, speedup=args.speedup if args.speedup != 1.0 else None,
                         variant=variant)
    except RuntimeError as exc:  # QML that will not load: say so, leave cleanly
        raise CliError(str(exc)) from None
