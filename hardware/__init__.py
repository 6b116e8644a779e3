"""Hardware abstraction layer: small device interfaces and their drivers.

Speaks bytes and frames; knows nothing of ID cards, citizens or receipts. Each device
kind has one interface module (camera, card_reader, printer) and drivers beside it;
`hardware.simulated` holds the demo devices.
"""
