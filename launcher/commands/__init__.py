"""Each feature's `kiosk` subcommands, one module per feature, registered by `launcher.cli`.

- `documents`: `kiosk card read`;
- `biometrics`: `kiosk photo check`, `kiosk face verify`, `kiosk liveness`;
- `delivery`: `kiosk queue ...` (status, list, deliver, retry, purge, rekey, selftest);
- `receipts`: `kiosk receipt ...` and `kiosk verify-receipt`;
- `audit`: `kiosk audit verify` (the journal's hash chain);
- `simulate`: `kiosk simulate` (a day of traffic through the real workflow);
- `maintenance`: `kiosk maintenance hash-pin`;
- `export`: `kiosk export` and `kiosk export verify` (the operators' daily export);
- `service`: `kiosk install-service` (boot into the kiosk: systemd unit, user, folders).

Each has `register(subparsers)`, which must stay cheap: heavy imports happen inside the
command functions, so `kiosk --help` and `kiosk id check` load neither Qt nor the face stack.
"""
