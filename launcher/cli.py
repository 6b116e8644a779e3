"""The `kiosk` command: run the kiosk, the demo, and the technicians' tools.

Screen commands import Qt lazily (`launcher.gui`, `launcher.screenshots`, `ui.i18n`), so
`kiosk id check` and the other tools run on a machine without a display and without
loading Qt. Each feature's subcommands live in `launcher.commands`.
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import os
import sys
import tempfile
from pathlib import Path
from typing import NoReturn

from launcher.refusals import EXIT_CONFIG, load_config_and_sources_or_exit, print_problems


log = logging.getLogger(__name__)

EXIT_SOFTWARE = 70        # sysexits' EX_SOFTWARE: a bug, reported in one line


class ArgumentParser(argparse.ArgumentParser):
    """argparse, with usage mistakes reported in one line (the usage is one --help away)."""

    def error(self, message: str) -> NoReturn:
        if len(message) > 300:  # e.g. an unrecognised argument of 100 000 characters, echoed
            message = message[:297] + "..."
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def _print_json(value: object) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def _refuse_unusable(cfg, sources, lead: str) -> None:  # type: ignore[no-untyped-def]
    """Exit 2 when what the configuration names is unusable (kiosk.config.preflight)."""
    from kiosk.config.preflight import log_warnings, preflight

    report = preflight(cfg, sources)
    if not report.ok:
        print_problems(report.problems, lead)
        raise SystemExit(EXIT_CONFIG)
    log_warnings(report)


def cmd_id_check(args: argparse.Namespace) -> int:
    from kiosk.domain.id_numbers import check_id_number

    result = check_id_number(args.number, scheme=args.scheme)
    if args.json:
        _print_json(result)
    elif result["valid"]:
        print(f"valid {result['kind']}: born {result.get('birth_date') or result.get('birth_year')}, sex {result['sex']}")
    else:
        extra = f" (expected check character {result['expected_check_character']})" if result.get("expected_check_character") else ""
        print(f"invalid: {result['error']['message']}{extra}")
    return 0 if result["valid"] else 1


def _demo_config(args: argparse.Namespace):
    from kiosk.config import with_overrides
    from kiosk.demo.config import demo_config

    try:
        data_dir = Path(args.data_dir).resolve() if args.data_dir else Path(tempfile.mkdtemp(prefix="kiosk-demo-"))
    except OSError as exc:  # e.g. a name too long for the file system
        from kiosk.config.errors import shown_path

        sys.stderr.write(f"kiosk: --data-dir {shown_path(args.data_dir)}: {exc.strerror or exc}\n")
        raise SystemExit(EXIT_CONFIG) from None
    overrides: dict[str, object] = {"ui.fullscreen": not args.windowed}
    if getattr(args, "lang", None):
        overrides["kiosk.default_language"] = args.lang
    return with_overrides(demo_config(data_dir), overrides)


def cmd_demo(args: argparse.Namespace) -> int:
    from kiosk.config import Sources

    code_picture = _code_picture_or_exit(args.show_code) if getattr(args, "show_code", None) else None
    cfg = _demo_config(args)
    _refuse_unusable(cfg, Sources(), "kiosk demo: not starting: ")   # e.g. --data-dir names a file
    from launcher import services
    from launcher.gui import run_kiosk

    print(f"kiosk demo: simulated devices, data in {cfg.kiosk.data_dir}, printed receipts in {cfg.printer_output_dir}")
    # The demo's payment stand-in waits a few seconds, so the code and its countdown are seen.
    return run_kiosk(cfg, show_code=code_picture, demo_paid_after_s=services.DEMO_SHOWN_PAID_AFTER_S)


def _code_picture_or_exit(path: str):  # type: ignore[no-untyped-def]
    """`kiosk demo --show-code`: the picture, decoded with its size checked, before Qt loads."""
    from hardware.images import PICTURE, ImageRefused, decode_bgr
    from launcher.arguments import readable_file_or_exit

    file = readable_file_or_exit(path, "kiosk demo: --show-code: ")
    try:
        return decode_bgr(file, PICTURE)
    except (ImageRefused, OSError) as exc:
        sys.stderr.write(f"kiosk demo: --show-code: cannot use image {path}: {exc}\n")
        raise SystemExit(EXIT_CONFIG) from None


def cmd_run(args: argparse.Namespace) -> int:
    from kiosk.config import with_overrides

    # Checked before Qt and the face models load: a refusal takes a fraction of a second.
    cfg, sources = load_config_and_sources_or_exit(args.config, "kiosk run: not starting: ")
    _refuse_unusable(cfg, sources, "kiosk run: not starting: ")
    if args.windowed:
        cfg = with_overrides(cfg, {"ui.fullscreen": False})
    from launcher.gui import run_kiosk

    return run_kiosk(cfg)


def cmd_config_check(args: argparse.Namespace) -> int:
    from kiosk.config import Sources
    from kiosk.config.preflight import preflight

    if args.demo:
        if not args.data_dir:
            # What `kiosk demo` would get, without making the temporary folder it makes.
            args.data_dir = str(Path(tempfile.gettempdir()) / f"kiosk-demo-{os.getpid()}")
        cfg, sources = _demo_config(args), Sources()
        name = "demo configuration"
    elif args.config:
        cfg, sources = load_config_and_sources_or_exit(args.config)
        name = args.config
    else:
        raise SystemExit("kiosk config check: give a configuration file, or --demo (see kiosk config check --help)")
    report = preflight(cfg, sources)
    print(f"{name}: {cfg.kiosk.mode} mode, kiosk {cfg.kiosk.id}")
    for line in report.summary:
        print(f"  {line}")
    print_problems(report.warnings, "kiosk: warning: ")
    print_problems(report.problems)
    if not report.ok:
        return EXIT_CONFIG
    warned = f", {len(report.warnings)} warning{'s' if len(report.warnings) != 1 else ''}" if report.warnings else ""
    print(f"{name}: OK{warned}")
    return 0


def _output_folder_or_exit(path: str, lead: str) -> Path:
    """`path` made a folder if need be; else exit 2 saying why, before Qt loads."""
    folder = Path(path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        problem = f"{path} is not a folder"
    except OSError as exc:
        problem = f"cannot make the folder {path}: {exc.strerror or exc}"
    else:
        return folder
    from kiosk.config.errors import shown_path

    problem = problem.replace(path, shown_path(path))
    sys.stderr.write(f"{lead}{problem}\n")
    raise SystemExit(2)


def cmd_screenshots(args: argparse.Namespace) -> int:
    out = _output_folder_or_exit(args.out, "kiosk screenshots: ")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from launcher.screenshots import render_screenshots

    langs = [args.lang] if args.lang else ["zh_CN", "en", "vi"]
    written = render_screenshots(out, langs)
    for path in written:
        print(path)
    return 0


def cmd_i18n(args: argparse.Namespace) -> int:
    root = Path(__file__).resolve().parent.parent
    translations = root / "resources" / "translations"
    out = _output_folder_or_exit(args.out, "kiosk i18n: ") if args.out else translations
    from ui.i18n import compile_translations, update_sources

    if args.action == "update":
        update_sources()
    for path in compile_translations(translations, out):
        print(path)
    return 0


# Each feature's subcommands are a module of `launcher.commands`; `register(subparsers)`
# must stay cheap (heavy imports happen inside the command functions).
COMMAND_MODULES: tuple[str, ...] = (
    "launcher.commands.documents",
    "launcher.commands.biometrics",
    "launcher.commands.delivery",
    "launcher.commands.receipts",
    "launcher.commands.audit",
    "launcher.commands.simulate",
    "launcher.commands.maintenance",
    "launcher.commands.export",
    "launcher.commands.service",
    "launcher.commands.voice",
    "launcher.commands.codes",
)


def build_parser() -> argparse.ArgumentParser:
    p = ArgumentParser(prog="kiosk", description="Self-service ID-renewal kiosk")
    p.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = p.add_subparsers(dest="command", required=True)

    demo = sub.add_parser("demo", help="run with simulated devices and a temporary data directory")
    demo.add_argument("--windowed", action="store_true", help="a window instead of full screen")
    demo.add_argument("--lang", choices=["zh_CN", "en", "vi"], help="language shown first")
    demo.add_argument("--data-dir", help="keep demo data here instead of a temporary directory")
    demo.add_argument("--show-code", metavar="IMAGE",
                      help="a picture the simulated camera shows while the kiosk looks for a code "
                           "(a photo receipt's barcode, a card's QR code)")
    demo.set_defaults(func=cmd_demo)

    run = sub.add_parser("run", help="run the kiosk with a configuration file")
    run.add_argument("--config", required=True, help="TOML configuration file")
    run.add_argument("--windowed", action="store_true")
    run.set_defaults(func=cmd_run)

    cfg = sub.add_parser("config", help="configuration tools")
    cfg_sub = cfg.add_subparsers(dest="action", required=True)
    check = cfg_sub.add_parser(
        "check", help="validate a configuration file and what it names (trust anchors, keys, folders)"
    )
    check.add_argument("config", nargs="?", help="TOML configuration file")
    check.add_argument("--demo", action="store_true", help="check the configuration `kiosk demo` runs with")
    check.add_argument("--data-dir", help="with --demo: the demo's data folder (default: a new temporary one)")
    check.set_defaults(func=cmd_config_check, windowed=False)

    idp = sub.add_parser("id", help="identity-number tools")
    id_sub = idp.add_subparsers(dest="action", required=True)
    idc = id_sub.add_parser("check", help="what an ID number says, or why it is invalid")
    idc.add_argument("number")
    idc.add_argument("--scheme", choices=["CHN", "VNM"], help="default: by length")
    idc.add_argument("--json", action="store_true")
    idc.set_defaults(func=cmd_id_check)

    shots = sub.add_parser("screenshots", help="render every screen offscreen to PNG")
    shots.add_argument("--out", required=True)
    shots.add_argument("--lang", choices=["zh_CN", "en", "vi"])
    shots.set_defaults(func=cmd_screenshots)

    i18n = sub.add_parser("i18n", help="translation sources")
    i18n.add_argument("action", choices=["build", "update"], help="build: compile .qm; update: refresh .ts from ui/ then compile")
    i18n.add_argument("--out", help="where to write .qm files (default: resources/translations)")
    i18n.set_defaults(func=cmd_i18n)

    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return p


HTTP_LOGGERS = ("httpx", "httpcore")


def quiet_http_logs(verbose: bool) -> None:
    """httpx logs each request's URL at INFO, and the office's URLs carry its ids for a
    citizen's lookup, phone check and payment order: pseudonyms, but ones the office can
    turn back into a person, and the journal and the technician's log view have no need
    of them. The office client says in its own words what failed; the HTTP lines come
    back with --verbose."""
    for name in HTTP_LOGGERS:
        logging.getLogger(name).setLevel(logging.NOTSET if verbose else logging.WARNING)


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        # A file name given in non-UTF-8 bytes is echoed with escapes, not a UnicodeEncodeError.
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    quiet_http_logs(args.verbose)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        sys.stderr.write("kiosk: interrupted\n")
        return 130
    except Exception as exc:  # noqa: BLE001 - last resort: each known cause is handled where it arises
        # A technician gets one line, not a traceback; the details are one flag away.
        log.debug("unexpected error", exc_info=True)
        first = (str(exc).splitlines() or [""])[0][:200]
        hint = "" if args.verbose else "; run again with --verbose for where it happened"
        sys.stderr.write(f"kiosk: unexpected error: {type(exc).__name__}: {first}{hint}\n")
        return EXIT_SOFTWARE


if __name__ == "__main__":
    raise SystemExit(main())
