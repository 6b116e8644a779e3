"""Core of the ID-renewal kiosk.

Everything in this package is plain Python: no Qt import is allowed here (a test
enforces it), so the whole renewal can be driven and tested without a screen.
"""

__version__ = "0.1.0"
