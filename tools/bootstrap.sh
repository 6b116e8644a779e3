#!/usr/bin/env bash
# One entry point for a fresh Debian 12 machine with Python 3.11, run as root from the checkout:
#   bash tools/bootstrap.sh demo [kiosk demo options]   install the kiosk, start it in demo mode
#   bash tools/bootstrap.sh test [pytest options]       install what the tests need, run the suite
#   bash tools/bootstrap.sh bench                       install, then print the benchmark figures
# Every step a fresh machine needs is here; nothing is assumed to be installed by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
MODE=${1:-}
[ $# -gt 0 ] && shift
VENV=${KIOSK_VENV:-$ROOT/.venv}
PY=${KIOSK_PYTHON:-python3.11}

# Qt's xcb platform plugin, fonts for Chinese + Vietnamese, pcsclite for pyscard, and the
# compilers pyscard's source build needs (it has no Linux wheel). Booting into the kiosk
# (kiosk install-service): the cage compositor, which always starts Xwayland, and the
# Wayland client libraries Qt's wayland platform plugin needs (without them Qt falls
# back to xcb through Xwayland); systemd-analyze (package systemd) checks the unit.
# libfprint and its introspection data for the fingerprint scanner, and what PyGObject's
# source build needs (gobject-introspection 1.74 headers; cairo's for the pycairo it
# builds against).
# Voice guidance: its synthesizer (espeak-ng: prompts at install time, numbers and places
# at run time) and player (aplay, from alsa-utils).
APT_RUNTIME=(
  fonts-wqy-microhei fonts-dejavu-core fontconfig
  libegl1 libgl1 libglib2.0-0 libdbus-1-3 libfontconfig1 libxkbcommon0 libxkbcommon-x11-0
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
  libxcb-shape0 libxcb-randr0 libxcb-xinerama0 libxcb-xkb1 libxcb-xfixes0
  libpcsclite1 libpcsclite-dev swig gcc
  cage xwayland libwayland-client0 libwayland-cursor0 libwayland-egl1 systemd
  libfprint-2-2 gir1.2-fprint-2.0 libgirepository1.0-dev libcairo2-dev pkg-config
  espeak-ng alsa-utils
)
# Test peers: PDF to PNG and QR decoding, Ghostscript (tells the text a person sees on a
# PDF receipt from hidden text), a virtual X screen, a real pcscd with the virtual reader
# driver (never install vpcd on a production kiosk: it listens on the network), a real
# CUPS with a cups-pdf queue, the fleet's engines (a node exporter serving the kiosk's
# metrics file; promtool, from prometheus, checks it and the alert rules), and for the
# boot tests grim (screenshots of cage's output) and xdotool (keys through cage's
# Xwayland: Debian's cage has no virtual keyboard).
APT_TEST=(poppler-utils ghostscript zbar-tools xvfb xauth pcscd vsmartcard-vpcd cups cups-client cups-bsd printer-driver-cups-pdf
  prometheus-node-exporter prometheus grim xdotool)
# cage refuses to run as root: the boot tests run it as this unprivileged user.
TEST_USER=kiosk-test

log() { printf '\033[1m[bootstrap]\033[0m %s\n' "$*" >&2; }

apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    log "missing Debian packages: ${missing[*]}"
    log "run this script as root, or: apt-get install -y ${missing[*]}"
    exit 1
  fi
  log "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

python_ok() {
  command -v "$PY" >/dev/null 2>&1 || return 1
  "$PY" -c 'import sys, ensurepip, venv; assert sys.version_info[:2] == (3, 11)' 2>/dev/null
}

ensure_python() {
  python_ok && { python3.11-config --includes >/dev/null 2>&1 || [ -f "$("$PY" -c 'import sysconfig; print(sysconfig.get_paths()["include"])')/Python.h" ]; } && return 0
  log "Python 3.11 with venv and headers is needed"
  apt_install python3.11 python3.11-venv python3.11-dev
  python_ok || { log "python3.11 is still not usable"; exit 1; }
}

ensure_venv() {
  # The lock files are installed with --no-deps: the set in them was resolved and tested
  # together, and the face stack of later issues cannot be resolved by pip without pulling
  # a second, clashing OpenCV build.
  local stamp="$VENV/.kiosk-lock-stamp" want
  want=$(cat requirements/*.lock pyproject.toml | sha256sum | cut -c1-16)-$1
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0; fi
  [ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q --upgrade pip setuptools wheel
  local locks=(-r requirements/runtime.lock)
  [ "$1" = test ] && locks+=(-r requirements/test.lock -r requirements/build.lock)
  log "installing Python packages (pinned, ${1})"
  "$VENV/bin/python" -m pip install -q --no-deps "${locks[@]}"
  "$VENV/bin/python" -m pip install -q --no-deps -e .
  # mediapipe declares packages the face code never imports (see runtime.lock), and
  # PyGObject declares pycairo, which only cairo-drawing GTK code needs (libfprint has no
  # cairo type); anything else pip check reports is a real inconsistency.
  local problems
  problems=$("$VENV/bin/python" -m pip check 2>&1 | grep -Ev '^No broken|^mediapipe 0\.10\.21 requires (jax|jaxlib|opencv-contrib-python|sentencepiece|sounddevice)|^pygobject 3\.42\.2 requires pycairo' || true)
  [ -z "$problems" ] || { log "inconsistent environment:"; echo "$problems" >&2; exit 1; }
  "$VENV/bin/python" - <<'PY'
import importlib.metadata as md
names = {d.metadata["Name"].lower() for d in md.distributions()}
clash = sorted(n for n in names if n.startswith("opencv-") and n != "opencv-python-headless")
assert not clash, f"a second OpenCV build is installed and would clash with PySide6: {clash}"
PY
  echo "$want" > "$stamp"
}

ensure_emupos() {
  # emupos (an independent ESC/POS printer emulator the printing tests talk to) needs
  # Python >= 3.13, which Debian 12 lacks; use one from pyenv or PATH in its own venv.
  local py313="" stamp="$ROOT/.venv-emupos/.stamp" want="emupos==0.4.0"
  # (a pyenv shim answers `command -v` even when that version is not selected: run it)
  for c in python3.13 "$HOME"/.pyenv/versions/3.13*/bin/python3.13; do
    if "$c" -c 'import sys; assert sys.version_info >= (3, 13)' >/dev/null 2>&1; then
      py313=$(command -v "$c"); break
    fi
  done
  if [ -z "$py313" ]; then
    log "no Python 3.13 found: the ESC/POS emulator tests will be skipped"
    return 0
  fi
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    log "installing $want for the printer tests"
    "$py313" -m venv "$ROOT/.venv-emupos"
    "$ROOT/.venv-emupos/bin/python" -m pip install -q "$want"
    echo "$want" > "$stamp"
  fi
  export KIOSK_EMUPOS="$ROOT/.venv-emupos/bin/emupos"
}

build_translations() {
  "$VENV/bin/kiosk" i18n build >/dev/null
}

# The spoken prompts (resources/voice/<lang>, where the kiosk looks), rendered again
# whenever a translation source is newer than a language's manifest.
build_voice() {
  local lang manifest
  for lang in zh_CN en vi; do
    manifest="$ROOT/resources/voice/$lang/manifest.json"
    if [ ! -f "$manifest" ] || [ -n "$(find "$ROOT/resources/translations" -name '*.ts' -newer "$manifest")" ]; then
      "$VENV/bin/kiosk" voice render --lang "$lang" --out "$ROOT/resources/voice/$lang"
    fi
  done
}

compile_bytecode() {
  # A kiosk installed read-only would otherwise compile the project at every start (and
  # PYTHONDONTWRITEBYTECODE=1 makes any installation do so): compile it once here.
  "$VENV/bin/python" -m compileall -q launcher kiosk hardware ui >/dev/null
}

ensure_test_user() {
  id "$TEST_USER" >/dev/null 2>&1 && return 0
  [ "$(id -u)" -eq 0 ] || { log "user $TEST_USER is missing (the cage tests will be skipped)"; return 0; }
  log "creating the user $TEST_USER for the cage tests"
  useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$TEST_USER"
}

case "$MODE" in
  demo)
    apt_install "${APT_RUNTIME[@]}"
    ensure_python
    ensure_venv runtime
    build_translations
    build_voice
    compile_bytecode
    if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
      log "no screen found (DISPLAY is not set): start this on the kiosk's screen,"
      log "or look at every screen with: $VENV/bin/kiosk screenshots --out screenshots"
      exit 1
    fi
    exec "$VENV/bin/kiosk" demo "$@"
    ;;
  test)
    apt_install "${APT_RUNTIME[@]}" "${APT_TEST[@]}"
    ensure_python
    ensure_venv test
    ensure_emupos
    ensure_test_user
    build_translations
    compile_bytecode
    export QT_QPA_PLATFORM=offscreen
    set +e
    # The slowest tests are printed at the end: the suite must stay under 25 minutes on
    # 2 cores, and CI's log is where a test that grew slow is seen first. It runs on every
    # core (at most four: each worker starts its own printer emulator, CUPS and Qt); which
    # worker runs what is decided in tests/workers.py. `-n 0` runs one test at a time.
    local_workers=$(nproc); [ "$local_workers" -gt 4 ] && local_workers=4
    "$VENV/bin/python" -m pytest -p no:cacheprovider -n "$local_workers" --durations=30 "$@"
    rc=$?
    set -e
    [ $rc -eq 5 ] && { log "pytest collected no test: that is a failure here"; exit 1; }
    exit $rc
    ;;
  bench)
    apt_install "${APT_RUNTIME[@]}" "${APT_TEST[@]}"
    ensure_python
    ensure_venv test
    build_translations
    compile_bytecode
    export QT_QPA_PLATFORM=offscreen
    for b in tests/bench/bench_*.py; do log "$b"; "$VENV/bin/python" "$b"; done
    ;;
  *)
    sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
    ;;
esac
