"""Hardware abstraction layer: small device interfaces and their drivers.

Speaks bytes and frames; knows nothing of ID cards, citizens or receipts. One package
per device kind (`camera`, `card_reader`, `printer`, `fingerprint`), as python-escpos lays out its
transports: the package itself is the interface, and its real drivers and its simulated
driver (the demo's device) sit beside it, one module each. Importing a kind's interface
loads no driver and no device library (pyscard, nfcpy, python-escpos, OpenCV): the
composition root imports a driver only when the configuration names it. `errors` and
`images` are shared by every kind.
"""
