"""`kiosk photo check`, `kiosk face verify`, `kiosk liveness`: the face stack from a shell.

Technicians use them to check a camera's pictures, calibrate each matcher's threshold
on site (`kiosk face calibrate`) and look at a recorded clip. Heavy imports (mediapipe, dlib) happen inside the
commands so `kiosk --help` stays fast. Limits come from the configuration file when
`--config` is given, else from the defaults.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

EXIT_OK, EXIT_FAILED, EXIT_UNREADABLE = 0, 1, 2


def _print_json(value: object) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _biometrics(args: argparse.Namespace):
    if getattr(args, "config", None):
        from launcher.refusals import load_config_or_exit

        return load_config_or_exit(args.config).biometrics
    from kiosk.config.model import BiometricsSettings

    return BiometricsSettings()


def _read_image(path: str):
    """The picture file as BGR, its size checked from its header before it is decoded."""
    from hardware.images import PICTURE, ImageRefused, decode_bgr
    from launcher.arguments import readable_file_or_exit

    # Python (Pillow) reads the file: cv2.imread crashes the process on a name that is
    # not UTF-8, and would decode a picture of any size.
    file = readable_file_or_exit(path)
    try:
        return decode_bgr(file, PICTURE)
    except (ImageRefused, OSError) as exc:
        sys.stderr.write(f"kiosk: cannot use image {path}: {exc}\n")
    raise SystemExit(EXIT_UNREADABLE)


def cmd_photo_check(args: argparse.Namespace) -> int:
    from kiosk.biometrics.guidance import message
    from kiosk.biometrics.portrait_crop import PortraitGeometry, encode_jpeg
    from kiosk.biometrics.portrait_maker import check_image

    settings = _biometrics(args).portrait
    if args.crop_out:
        # Before the face stack loads and works for a second: the crop must have somewhere to go.
        target = Path(args.crop_out)
        try:
            unusable = target.is_dir() or not target.parent.is_dir()
        except OSError:
            unusable = True
        if unusable:
            sys.stderr.write(f"kiosk: cannot write the crop to {args.crop_out}: not a file in an existing folder\n")
            return EXIT_UNREADABLE
    image = _read_image(args.image)
    checked = check_image(image, settings, crop=bool(args.crop_out))
    a = checked.assessment
    written = None
    if args.crop_out and checked.portrait is not None:
        geometry = PortraitGeometry.from_settings(settings)
        try:
            Path(args.crop_out).write_bytes(encode_jpeg(checked.portrait, geometry.dpi, settings.jpeg_quality))
        except OSError as exc:
            sys.stderr.write(f"kiosk: cannot write {args.crop_out}: {exc.strerror or exc}\n")
            return EXIT_UNREADABLE
        written = args.crop_out
    records = a.as_records()
    for rec in records:
        rec["message"] = message(str(rec["message_code"]), args.lang) if rec["message_code"] else ""
    result: dict[str, Any] = {
        "image": args.image,
        "passed": a.passed,
        "failed_components": [c.component for c in a.failures],
        "checks": records,
        "geometry": {"width_px": settings.width_px, "height_px": settings.height_px, "dpi": settings.dpi,
                     "head_width_px": settings.head_width_px, "eye_line_px": settings.eye_line_px},
        "crop_out": written,
    }
    if args.json:
        _print_json(result)
    else:
        for rec in records:
            mark = "pass" if rec["passed"] else "FAIL"
            print(f"{mark:4} {rec['component']:24} {rec['value']!s:>10}  {rec['message']}")
        print("overall:", "pass" if a.passed else "fail")
        if written:
            print(f"portrait written to {written}")
    return EXIT_OK if a.passed else EXIT_FAILED


def _matcher_name(args: argparse.Namespace, bio) -> str:  # type: ignore[no-untyped-def]
    """--matcher, else the configured face_verifier when it is a real matcher, else sface."""
    from launcher.drivers import MATCHERS

    if args.matcher:
        return args.matcher
    return bio.face_verifier if bio.face_verifier in MATCHERS else "sface"


def _verifier(args: argparse.Namespace, bio):  # type: ignore[no-untyped-def]
    """The open matcher named by --matcher or the configuration, its models loaded."""
    from kiosk.biometrics.matcher_sface import ModelFileError
    from kiosk.biometrics.matching import MatchingFaceVerifier
    from launcher.drivers import face_matcher

    name = _matcher_name(args, bio)
    threshold = bio.threshold_of(name) if args.threshold is None else args.threshold
    verifier = MatchingFaceVerifier(face_matcher(name), threshold, frames_used=1)
    try:
        verifier.load_models()   # elapsed_ms is the comparison, not the loading
    except ModelFileError as exc:
        sys.stderr.write(f"kiosk: {exc}\n")
        raise SystemExit(EXIT_UNREADABLE) from None
    return verifier


def cmd_face_verify(args: argparse.Namespace) -> int:
    bio = _biometrics(args)
    for path in (args.reference, args.probe):
        _read_image(path)  # a clear error for an unreadable file
    verifier = _verifier(args, bio)
    result = verifier.compare_images(Path(args.reference).read_bytes(), Path(args.probe).read_bytes())
    record = {"reference": args.reference, "probe": args.probe, **result.as_record()}
    if args.json:
        _print_json(record)
    else:
        d = record["distance"]
        print(f"{result.method}: distance {d if d is not None else 'n/a'}  threshold {result.threshold:g}  "
              f"{'MATCH' if result.match else 'NO MATCH'}{'  (' + result.problem + ')' if result.problem else ''}"
              f"  {result.elapsed_ms:.0f} ms")
    return EXIT_OK if result.match else EXIT_FAILED


def cmd_face_calibrate(args: argparse.Namespace) -> int:
    from hardware.images import PICTURE, ImageRefused, decode_bgr
    from kiosk.biometrics.calibration import MeasuredPair, PairsFolderError, calibrate, find_pairs, plot
    from kiosk.config.errors import shown_path

    bio = _biometrics(args)
    if args.plot:
        target = Path(args.plot)
        try:
            unusable = target.is_dir() or not target.parent.is_dir()
        except OSError:   # e.g. a name too long for the file system
            unusable = True
        if unusable:
            sys.stderr.write(f"kiosk: cannot write the plot to {shown_path(args.plot)}: "
                             "not a file in an existing folder\n")
            return EXIT_UNREADABLE
    try:
        pairs = find_pairs(Path(args.pairs))
    except PairsFolderError as exc:
        sys.stderr.write(f"kiosk: {shown_path(args.pairs)}: {exc}\n")
        return EXIT_UNREADABLE
    except OSError as exc:   # a folder that cannot be listed, a name too long, ...
        sys.stderr.write(f"kiosk: cannot read the pairs in {shown_path(args.pairs)}: {exc.strerror or exc}\n")
        return EXIT_UNREADABLE

    def picture(file: Path):  # type: ignore[no-untyped-def]
        try:
            return decode_bgr(file, PICTURE)
        except (ImageRefused, OSError) as exc:
            sys.stderr.write(f"kiosk: cannot use image {shown_path(file)}: {exc}\n")
        raise SystemExit(EXIT_UNREADABLE)

    # Every picture is decoded once before the models load: a bad file among hundreds
    # stops the command at once, before a minute of measuring, and says which.
    for pair in pairs:
        picture(pair.reference), picture(pair.probe)
    verifier = _verifier(args, bio)
    measured = []
    for pair in pairs:
        templates = [verifier.matcher.template(picture(file)) for file in (pair.reference, pair.probe)]
        if templates[0] is None or templates[1] is None:
            measured.append(MeasuredPair(pair.label, pair.name, float("nan"), "face_not_found"))
        else:
            measured.append(MeasuredPair(pair.label, pair.name, verifier.matcher.distance(*templates)))
    try:
        report = calibrate(measured, method=verifier.method, configured_threshold=verifier.threshold,
                           target_far=args.target_far)
    except PairsFolderError as exc:
        sys.stderr.write(f"kiosk: {exc}\n")
        return EXIT_FAILED
    record = report.as_record()
    if args.plot:
        try:
            plot(report, Path(args.plot))
        except OSError as exc:
            sys.stderr.write(f"kiosk: cannot write {args.plot}: {exc.strerror or exc}\n")
            return EXIT_UNREADABLE
        record["plot"] = args.plot
    if args.json:
        _print_json(record)
    else:
        g, i = record["genuine"], record["impostor"]
        print(f"{record['method']}: {record['pairs']['genuine']} genuine pairs {g['min']}-{g['max']}, "
              f"{record['pairs']['impostor']} impostor pairs {i['min']}-{i['max']}, margin {record['margin']}")
        c, e, s = record["configured"], record["equal_error"], record["suggested"]
        print(f"configured threshold {c['threshold']}: false accepts {c['far']}, false rejects {c['frr']}")
        print(f"equal error {e['rate']} at {e['threshold']}")
        print(f"suggested threshold for false accepts <= {s['target_far']}: {s['threshold']} "
              f"(false accepts {s['far']}, false rejects {s['frr']})")
        for note in record["notes"]:
            print("note:", note)
        if args.plot:
            print(f"plot written to {args.plot}")
    return EXIT_OK


def _clip_frames(path: str):
    """Frames of a video file, or of a single image (a still 'clip' for the replay test)."""
    import cv2

    from hardware.images import PICTURE, ImageRefused, check_size
    from launcher.arguments import readable_file_or_exit

    file = readable_file_or_exit(path)
    suffix = file.suffix.lower()
    if suffix in {".jpg", ".jpeg", ".png", ".bmp", ".webp"}:
        return [_read_image(path)] * 48, 24.0
    # FFmpeg prints its own line about a broken file ("moov atom not found"); ours says it.
    os.environ.setdefault("OPENCV_FFMPEG_LOGLEVEL", "-8")
    capture = _video_capture(file)
    if not capture.isOpened():
        sys.stderr.write(f"kiosk: cannot play {path}\n")
        raise SystemExit(EXIT_UNREADABLE)
    try:  # the container states the frame size: check it before a frame is decoded
        check_size(int(capture.get(cv2.CAP_PROP_FRAME_WIDTH)), int(capture.get(cv2.CAP_PROP_FRAME_HEIGHT)), PICTURE)
    except ImageRefused as exc:
        capture.release()
        sys.stderr.write(f"kiosk: cannot play {path}: {exc}\n")
        raise SystemExit(EXIT_UNREADABLE) from None
    fps = capture.get(cv2.CAP_PROP_FPS)
    if not 0 < fps <= 1000:  # 0, NaN or nonsense from a damaged header; --fps overrides it anyway
        fps = 25.0

    def frames():
        try:
            while True:
                ok, frame = capture.read()
                if not ok:
                    return
                yield frame
        finally:
            capture.release()

    return frames(), float(fps)


def _video_capture(file: Path):  # type: ignore[no-untyped-def]
    """cv2.VideoCapture of `file`, also when its name is not UTF-8 (OpenCV's bindings crash
    the process on such a name): then FFmpeg opens it through /proc/self/fd."""
    import cv2

    try:
        str(file).encode("utf-8")
    except UnicodeEncodeError:
        fd = os.open(file, os.O_RDONLY)
        try:
            return cv2.VideoCapture(f"/proc/self/fd/{fd}")   # FFmpeg opens its own descriptor
        finally:
            os.close(fd)
    return cv2.VideoCapture(str(file))


def cmd_liveness(args: argparse.Namespace) -> int:
    from kiosk.biometrics.liveness import assess_clip

    settings = _biometrics(args).liveness
    if args.no_turn:
        settings = settings.model_copy(update={"turn_required": False})
    frames, fps = _clip_frames(args.video)
    report = assess_clip(frames, fps if args.fps is None else args.fps, settings, direction=args.challenge)
    record = {"video": args.video, **report.as_record()}
    if args.json:
        _print_json(record)
    else:
        for b in report.blinks:
            print(f"blink: frames {b.start_frame}-{b.end_frame} (EAR {b.min_ear:.2f}, baseline {b.baseline:.2f})")
        print(f"challenge: {report.challenge}")
        print("liveness:", "passed" if report.passed else f"failed ({report.reason})")
    return EXIT_OK if report.passed else EXIT_FAILED


def register(subparsers: Any) -> None:
    """Add `photo`, `face` and `liveness` to the top-level `kiosk` parser."""
    from launcher.arguments import number

    photo = subparsers.add_parser("photo", help="portrait tools")
    photo_sub = photo.add_subparsers(dest="action", required=True)
    check = photo_sub.add_parser("check", help="every portrait rule on one image, and the crop")
    check.add_argument("image")
    check.add_argument("--crop-out", metavar="FILE", help="write the portrait cropped to the configured geometry")
    check.add_argument("--json", action="store_true")
    check.add_argument("--lang", choices=["en", "zh_CN", "vi"], default="en", help="language of the messages")
    check.add_argument("--config", help="take the limits from this configuration file")
    check.set_defaults(func=cmd_photo_check)

    face = subparsers.add_parser("face", help="face verification tools")
    face_sub = face.add_subparsers(dest="action", required=True)
    verify = face_sub.add_parser("verify", help="1:1 distance between the faces of two images")
    verify.add_argument("reference")
    verify.add_argument("probe")
    verify.add_argument("--matcher", choices=["sface", "dlib"],
                        help="default: biometrics.face_verifier (sface when it is the demo stand-in)")
    verify.add_argument("--threshold", type=number(low=0, high=2),
                        help="default: the matcher's configured threshold (0 to 2)")
    verify.add_argument("--json", action="store_true")
    verify.add_argument("--config")
    verify.set_defaults(func=cmd_face_verify)

    cal = face_sub.add_parser("calibrate", help="error rates along the threshold over labelled pairs")
    cal.add_argument("pairs", help="a folder with genuine/NAME/ and impostor/NAME/ pair folders, each holding "
                                   "one reference.* and one probe.* picture")
    cal.add_argument("--matcher", choices=["sface", "dlib"],
                     help="default: biometrics.face_verifier (sface when it is the demo stand-in)")
    cal.add_argument("--threshold", type=number(low=0, high=2),
                     help="the threshold to judge (default: the matcher's configured one)")
    cal.add_argument("--target-far", type=number(low=0, high=1), default=0.0,
                     help="false-accept rate the suggested threshold must meet (0 to 1, default 0)")
    cal.add_argument("--plot", metavar="PNG", help="write the distance distributions and error rates to this PNG")
    cal.add_argument("--json", action="store_true")
    cal.add_argument("--config")
    cal.set_defaults(func=cmd_face_calibrate)

    live = subparsers.add_parser("liveness", help="blinks and head turns in a recorded clip")
    live.add_argument("video", help="a video file (or an image, played as a still clip)")
    live.add_argument("--challenge", choices=["any", "left", "right"], default="any")
    live.add_argument("--no-turn", action="store_true", help="judge the blinks only")
    live.add_argument("--fps", type=number(low=0, high=1000, low_open=True),
                      help="override the clip's frame rate (more than 0, at most 1000)")
    live.add_argument("--json", action="store_true")
    live.add_argument("--config")
    live.set_defaults(func=cmd_liveness)
