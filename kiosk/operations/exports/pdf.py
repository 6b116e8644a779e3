"""The PDF summary: one A4 document per language, the day's figures first, then charts.

Set in the receipt's font (`kiosk.receipts.fonts`: one font with Latin, Vietnamese and
Chinese glyphs, since reportlab has no fallback), with CJK line breaking for Chinese.
`invariant` makes reportlab leave out its creation time and random document id: the same
day exported twice gives the same bytes, so a re-export can be compared by its hash.
"""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Image, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from kiosk.operations.exports.charts import HEIGHT_IN, WIDTH_IN, Chart
from kiosk.operations.exports.texts import text

MAX_NUMBERS_LISTED = 12    # application numbers listed in a discrepancy line; the JSON has all


def _money(amount: str, currency: str, lang: str) -> str:
    """As the receipt writes money ("CNY 1,100.00", "1.430.000 VND"), zero as 0."""
    from decimal import Decimal

    from kiosk.receipts.model import format_fee

    value = Decimal(amount)
    if value == 0 or len(currency) != 3:
        return f"{amount} {currency}"
    return format_fee(value, currency, lang)


def name(lang: str) -> str:
    return f"summary.{lang}.pdf"


def render(lang: str, summary: dict[str, Any], charts: list[Chart]) -> bytes:
    """The summary of `summary` (the reconciliation plus `journal` and `written`) in `lang`."""
    from kiosk.receipts.fonts import register_receipt_font

    font = register_receipt_font()
    wrap = "CJK" if lang == "zh_CN" else None
    body = ParagraphStyle("body", fontName=font, fontSize=9, leading=12, wordWrap=wrap)
    small = ParagraphStyle("small", parent=body, fontSize=7.5, leading=10, textColor=colors.HexColor("#424242"))
    mono = ParagraphStyle("mono", parent=body, fontName="Courier", fontSize=8, leading=10)
    h1 = ParagraphStyle("h1", parent=body, fontSize=16, leading=20, spaceAfter=4)
    h2 = ParagraphStyle("h2", parent=body, fontSize=11.5, leading=15, spaceBefore=8, spaceAfter=4)
    t = lambda key, **kw: text(key, lang, **kw)   # noqa: E731
    P = lambda s, style=body: Paragraph(escape(str(s)), style)   # noqa: E731

    journal = summary["journal"]
    head = [
        [t("kiosk"), summary["kiosk_id"] or "-"], [t("date"), summary["date"]],
        [t("written"), summary["written"]],
        [t("journal_day"), f"{journal['day_entries']} ({journal['day_first_seq']}–{journal['day_last_seq']})"
         if journal["day_entries"] else "0"],
        [t("journal_head"), Paragraph(f"#{journal['head_seq']}<br/>{journal['head_hash']}", mono)],
    ]
    apps = summary["applications"]
    rec = [
        [t("sessions"), summary["sessions"]],
        [t("apps_made"), apps["made"]],
        [t("apps_delivered"), apps["delivered"]],
        [t("apps_pending"), apps["pending"]],
        [t("apps_parked"), apps["parked"]],
    ]
    for key, numbers in (("not_in_queue", apps["not_in_queue"]), ("not_in_journal", apps["in_queue_not_in_journal"])):
        if numbers:
            shown = ", ".join(numbers[:MAX_NUMBERS_LISTED])
            more = f" … (+{len(numbers) - MAX_NUMBERS_LISTED})" if len(numbers) > MAX_NUMBERS_LISTED else ""
            rec.append([t(key), f"{len(numbers)}: {shown}{more}"])
    rec.append([t("reconciliation"), t("balanced") if summary["balanced"] else t("unbalanced")])
    receipts = summary["receipts"]
    rec += [
        [t("receipts_printed"), receipts["printed"]], [t("receipts_not_printed"), receipts["not_printed"]],
        [t("reprints"), receipts["reprinted"]], [t("paper_changes"), receipts["paper_changes"]],
        [t("out_of_service_minutes"), f"{summary['out_of_service_seconds'] / 60:.1f}"],
    ]
    damaged = summary["journal_lines_damaged"] + summary["journal_entries_refused"]
    if damaged:
        rec.append([t("damaged_lines"), damaged])
    fees = [[t(case), f"{v['applications']} {t('applications')}", _money(v["amount"], v["currency"], lang)]
            for case, v in summary["fees_due"].items()]
    fees += [[t("fees_total"), "", _money(amount, cur, lang)] for cur, amount in summary["fees_total"].items()]

    def table(rows: list[list[Any]], widths: list[float], bold_last: bool = False) -> Table:
        tbl = Table([[c if isinstance(c, Paragraph) else P(c) for c in row] for row in rows],
                    colWidths=widths, hAlign="LEFT")
        style = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#bdbdbd")),
                 ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]
        tbl.setStyle(TableStyle(style))
        return tbl

    story: list[Any] = [P(t("title"), h1), table(head, [5 * cm, 12 * cm]), Spacer(1, 3),
                        P(t("no_personal"), small),
                        P(t("reconciliation"), h2), table(rec, [7 * cm, 10 * cm]),
                        P(t("fees_due"), h2),
                        table(fees, [7 * cm, 4 * cm, 6 * cm]) if fees else P(t("none"))]
    width = 17 * cm
    for chart in charts:
        story.append(KeepTogether([Spacer(1, 8), Image(io.BytesIO(chart.png), width=width,
                                                        height=width * HEIGHT_IN / WIDTH_IN)]))

    def footer(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(font, 7.5)
        canvas.setFillColor(colors.HexColor("#616161"))
        canvas.drawString(2 * cm, 1.2 * cm, f"{summary['kiosk_id']} · {summary['date']}")
        canvas.drawRightString(A4[0] - 2 * cm, 1.2 * cm, t("page", n=doc.page))
        canvas.restoreState()

    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm, topMargin=1.6 * cm,
                            bottomMargin=1.8 * cm, title=f"{t('title')} {summary['kiosk_id']} {summary['date']}",
                            author=summary["kiosk_id"], invariant=1, lang=lang.replace("_", "-"))
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return out.getvalue()
