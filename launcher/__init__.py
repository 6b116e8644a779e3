"""The kiosk program's one composition root, above `ui/` and `kiosk/`.

The core (`kiosk/`) and the screens (`ui/`) never choose a device, a matcher or a
window: this package does, from the configuration, and nothing imports it back.

- `cli`: the `kiosk` command's parser and its own commands (demo, run, config check,
  id check, screenshots, i18n); `commands/` holds each feature's subcommands.
- `drivers`: configuration name -> class, for every device and face component; the
  only place that makes that choice.
- `services`: configuration -> drivers -> services -> workflow.
- `gui`: runs the window (Qt application, workflow, main window, signals), or the
  out-of-service screen when the kiosk cannot be assembled.
- `screenshots`: `kiosk screenshots`, a demo kiosk driven through every screen.
"""
