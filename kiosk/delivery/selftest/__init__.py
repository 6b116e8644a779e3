"""The technician's self-test of the queue and its delivery: `kiosk queue selftest`.

- `run`: the self-test itself (a fresh queue, synthetic applications, delivery to a
  loopback intake, a search of the disk for anything personal) and its report;
- `synthetic`: fictitious applications (also the crash test's and the benchmark's);
- `intake`: a reference intake on 127.0.0.1 that validates against the contract
  (resources/api/intake.openapi.yaml) and stores each application once;
- `loopback_pki`: the throwaway CA and certificates for its mutual TLS.

None of it runs on a kiosk in service: it is what a technician starts by hand, in a
folder of its own. The tests make the intake fail on purpose (`tests/emulators/intake/`).
"""
