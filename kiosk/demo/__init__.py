"""Every demo stand-in in one place, each refused outside demo mode.

`kiosk demo` runs the whole journey on simulated devices with these, and the tests and
screenshots use them too; only the launcher (and the tests) import this package, so no
stand-in can decide anything on a production kiosk:

- `config`: the demo configuration (every device simulated, a temporary data folder);
- `specimen`: the specimen citizen, as a chip card's files and as the office's record;
  `specimen_pki`: the fictitious CSCA and document signer that sign the specimen card;
  `trust`: the specimen CSCA, trusted only where the specimen card lies;
- `office`: the demo registry and studio, which answer from the specimen citizen;
- `face`: the face verifier and portrait maker stand-ins (no biometric check);
  `haar_face`: the rough face box they crop around, also the demo preview's face box;
- `applications`: fictitious applications for sample receipts, benchmarks and looks.

The stand-ins that could decide about a citizen refuse to be built unless the mode is
"demo" (`DemoRegistry`, `DemoStudioPhotos`, the face stand-ins, `specimen_csca`), and
the configuration refuses the simulated drivers and stand-ins outside demo mode too.
"""
