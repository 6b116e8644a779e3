"""Issue 15: the station appears in the citizen's language on the receipt, the office
keeps its own name, and a reprint names it as the first print did."""

from __future__ import annotations

from hardware.printer import FORMAT_PDF
from kiosk.config.model import KioskSettings
from kiosk.receipts import issue_receipt, receipt_for
from kiosk.receipts.reprint import ReprintService
from kiosk.receipts.signing import ReceiptSigner

from .conftest import SHANGHAI
from .test_receipt_issue import RecordingPrinter, store  # noqa: F401 (the fixture)
from tests.factories import AppFactory

NUMBER = "SH-XH-001-261121-00019"
SIGNER = ReceiptSigner.generate("SH-XH-001")
KIOSK = KioskSettings(station="Xuhui PSB Hall", station_names={"zh_CN": "徐汇分局办证大厅", "vi": "Sảnh Công an Từ Hối"})


def test_a_language_without_a_name_falls_back_to_the_station():
    assert [KIOSK.station_in(lang) for lang in ("zh_CN", "en", "vi")] == [
        "徐汇分局办证大厅", "Xuhui PSB Hall", "Sảnh Công an Từ Hối"]
    assert KioskSettings(station="Hall").station_in("vi") == "Hall"


def test_the_receipt_names_the_station_in_its_language_and_still_verifies(make_app: AppFactory) -> None:
    app = make_app(NUMBER, language="zh_CN")
    receipt = receipt_for(app, SIGNER, tz=SHANGHAI, station=KIOSK.station_in("zh_CN"))
    assert receipt.station == "徐汇分局办证大厅" and "徐汇分局办证大厅" in receipt.pickup_info
    plain = receipt_for(app, SIGNER, tz=SHANGHAI)
    assert plain.station == "Xuhui PSB Hall"                 # no name given: the application's
    assert receipt.qr_content == plain.qr_content            # the signed part does not change
    assert app.station == "Xuhui PSB Hall"                   # what the office is told


def test_a_reprint_names_the_station_as_the_first_print_did(make_app: AppFactory, store) -> None:
    app = make_app(NUMBER, language="vi")
    store.enqueue(app)
    first = issue_receipt(app, RecordingPrinter({FORMAT_PDF}), SIGNER, tz=SHANGHAI, station=KIOSK.station_in("vi"))
    service = ReprintService(store, RecordingPrinter({FORMAT_PDF}), SIGNER, tz=SHANGHAI, station_in=KIOSK.station_in)
    again = service.reprint(NUMBER)
    assert again.receipt == first.receipt and again.receipt.station == "Sảnh Công an Từ Hối"
    assert service.reprint(NUMBER, lang="zh_CN").receipt.station == "徐汇分局办证大厅"
