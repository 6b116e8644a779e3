"""The maintenance screens' words for the core's codes (pages, devices, states, outcomes).

Technicians read them, in English, Chinese or Vietnamese like every other screen; the
codes themselves (a driver's detail such as "paper_out") stay as they are beside the
words, because they are what a technician quotes to the vendor.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "Maintenance"

PAGES = {
    "status": QT_TRANSLATE_NOOP("Maintenance", "Status"),
    "device_tests": QT_TRANSLATE_NOOP("Maintenance", "Device tests"),
    "queue": QT_TRANSLATE_NOOP("Maintenance", "Queue"),
    "config": QT_TRANSLATE_NOOP("Maintenance", "Configuration"),
    "logs": QT_TRANSLATE_NOOP("Maintenance", "Log"),
    "out_of_service": QT_TRANSLATE_NOOP("Maintenance", "Out of service"),
    "versions": QT_TRANSLATE_NOOP("Maintenance", "Versions"),
    "exports": QT_TRANSLATE_NOOP("Maintenance", "Exports"),
}
ROLES = {
    "technician": QT_TRANSLATE_NOOP("Maintenance", "Technician"),
    "operator": QT_TRANSLATE_NOOP("Maintenance", "Operator"),
}
DEVICES = {
    "camera": QT_TRANSLATE_NOOP("Maintenance", "Camera"),
    "card_reader": QT_TRANSLATE_NOOP("Maintenance", "Card reader"),
    "printer": QT_TRANSLATE_NOOP("Maintenance", "Printer"),
    "network": QT_TRANSLATE_NOOP("Maintenance", "Network"),
    "office": QT_TRANSLATE_NOOP("Maintenance", "Office look-ups"),
    "disk": QT_TRANSLATE_NOOP("Maintenance", "Disk"),
    "queue": QT_TRANSLATE_NOOP("Maintenance", "Queue"),
}
STATES = {
    "ok": QT_TRANSLATE_NOOP("Maintenance", "OK"),
    "degraded": QT_TRANSLATE_NOOP("Maintenance", "Needs attention"),
    "failed": QT_TRANSLATE_NOOP("Maintenance", "Failed"),
    "off": QT_TRANSLATE_NOOP("Maintenance", "Not watched"),
    "unknown": QT_TRANSLATE_NOOP("Maintenance", "Not checked yet"),
}
CARD_OUTCOMES = {
    "read": QT_TRANSLATE_NOOP("Maintenance", "Card read."),
    "no_card": QT_TRANSLATE_NOOP("Maintenance", "No card on the reader."),
    "key_required": QT_TRANSLATE_NOOP("Maintenance", "The chip answers but needs its access key (type the CAN of a test card)."),
    "wrong_key": QT_TRANSLATE_NOOP("Maintenance", "The chip refused the access key."),
    "document_error": QT_TRANSLATE_NOOP("Maintenance", "The chip answered, but its data could not be read."),
    "reader_unavailable": QT_TRANSLATE_NOOP("Maintenance", "The card reader is not available."),
}
PRINTER_STATES = {
    "ready": QT_TRANSLATE_NOOP("Maintenance", "ready"),
    "paper_low": QT_TRANSLATE_NOOP("Maintenance", "paper low"),
    "paper_out": QT_TRANSLATE_NOOP("Maintenance", "paper out"),
    "cover_open": QT_TRANSLATE_NOOP("Maintenance", "cover open"),
    "offline": QT_TRANSLATE_NOOP("Maintenance", "offline"),
}
NOTICES = {
    "retry_done": QT_TRANSLATE_NOOP("Maintenance", "Queued again: it is tried at the next delivery."),
    "retry_failed": QT_TRANSLATE_NOOP("Maintenance", "This application could not be queued again."),
    "reprint_done": QT_TRANSLATE_NOOP("Maintenance", "Receipt printed again."),
    "reprint_failed": QT_TRANSLATE_NOOP("Maintenance", "The receipt could not be printed again."),
    "bad_can": QT_TRANSLATE_NOOP("Maintenance", "A CAN is digits only."),
}
EXPORT_FAILURES = {
    "removed": QT_TRANSLATE_NOOP("Maintenance", "The stick was removed while writing. Nothing on it looks like a finished export: insert it and write again."),
    "full": QT_TRANSLATE_NOOP("Maintenance", "The stick is full. What was half-written has been removed: free some space or use another stick."),
    "read_only": QT_TRANSLATE_NOOP("Maintenance", "The stick is write-protected. Slide its lock switch off, or use another stick."),
    "nothing": QT_TRANSLATE_NOOP("Maintenance", "The journal has nothing for this day."),
    "failed": QT_TRANSLATE_NOOP("Maintenance", "The export could not be written. What was half-written has been removed: try again or use another stick."),
}
QUEUE_STATES = {
    "queued": QT_TRANSLATE_NOOP("Maintenance", "queued"),
    "parked": QT_TRANSLATE_NOOP("Maintenance", "parked"),
    "delivered": QT_TRANSLATE_NOOP("Maintenance", "delivered"),
}


def t(source: str, **values: object) -> str:
    text = QCoreApplication.translate(CONTEXT, source)
    return text.format(**values) if values else text


def word(table: dict[str, str], code: str | None) -> str:
    """The words for `code`, or the code itself when it has none (a newer driver's)."""
    if code is None:
        return ""
    source = table.get(str(code))
    return t(source) if source else str(code)


def when(at: dt.datetime | None) -> str:
    """Local time, to the second; the date only when it is not today."""
    if at is None:
        return "–"
    local = at.astimezone() if at.tzinfo else at
    today = dt.datetime.now(local.tzinfo).date() if local.tzinfo else dt.date.today()
    return local.strftime("%H:%M:%S") if local.date() == today else local.strftime("%Y-%m-%d %H:%M")


def duration(seconds: float) -> str:
    seconds = max(0, int(round(seconds)))
    if seconds >= 3600:
        return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
    return f"{seconds // 60}:{seconds % 60:02d}"


def size(n: int | None) -> str:
    """Free space as an operator reads it: two significant figures are enough."""
    if n is None:
        return "?"
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" or n >= 100 else f"{n:.1f} {unit}"
        n /= 1000
    return f"{n:.1f} TB"
