"""Drivers for real receipt printers: ESC/POS thermal printers and CUPS queues."""

from hardware.printers.cups_printer import CupsPrinter
from hardware.printers.escpos_printer import EscposPrinter

__all__ = ["CupsPrinter", "EscposPrinter"]
