"""Independent device emulators the tests talk to through real transports."""
