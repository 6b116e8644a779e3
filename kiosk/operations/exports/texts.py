"""The words of the PDF summary in the kiosk's three languages.

The summary is printed for operators, who may read any of the three; like the receipt's
texts (`kiosk.receipts.texts`) they live in the core, not in Qt's .ts files, because the
export is written without Qt (a scheduled export runs in the kiosk's core, `kiosk
export` on a machine without a display). Codes the table has no word for (a new problem
code) are shown as the code itself, never dropped.
"""

from __future__ import annotations

LANGUAGES = ("zh_CN", "en", "vi")

_T: dict[str, tuple[str, str, str]] = {   # key: (zh_CN, en, vi)
    "title": ("自助换证机每日报告", "ID-renewal kiosk: daily report", "Báo cáo hằng ngày của ki-ốt đổi thẻ"),
    "kiosk": ("设备编号", "Kiosk", "Mã ki-ốt"),
    "date": ("日期", "Date", "Ngày"),
    "written": ("生成时间", "Written", "Thời điểm lập"),
    "journal_head": ("审计日志末条哈希", "Audit journal head", "Mã băm cuối nhật ký"),
    "journal_day": ("当日日志条目", "Journal entries of the day", "Mục nhật ký trong ngày"),
    "no_personal": ("本报告不含姓名、身份证号码或电话号码。", "This report holds no names, ID numbers or phone numbers.",
                    "Báo cáo này không chứa họ tên, số định danh hay số điện thoại."),
    "reconciliation": ("当日对账", "Reconciliation", "Đối soát trong ngày"),
    "sessions": ("会话数", "Sessions", "Số phiên"),
    "apps_made": ("提交申请", "Applications made", "Hồ sơ đã nộp"),
    "apps_delivered": ("已送达", "Delivered", "Đã chuyển"),
    "apps_pending": ("待送达", "Pending", "Đang chờ chuyển"),
    "apps_parked": ("被搁置", "Parked", "Bị tạm giữ"),
    "not_in_queue": ("日志有记录但队列中没有", "In the journal, not in the queue", "Có trong nhật ký, không có trong hàng đợi"),
    "not_in_journal": ("队列中有但日志无记录", "In the queue, not in the journal", "Có trong hàng đợi, không có trong nhật ký"),
    "balanced": ("对账一致", "Balanced", "Khớp"),
    "unbalanced": ("对账不一致", "NOT balanced", "KHÔNG khớp"),
    "fees_due": ("应收费用", "Fees due", "Lệ phí phải thu"),
    "fees_total": ("合计", "Total", "Tổng"),
    "receipts_printed": ("已打印回执", "Receipts printed", "Biên nhận đã in"),
    "receipts_not_printed": ("未能打印回执", "Receipts not printed", "Biên nhận không in được"),
    "paper_changes": ("更换纸卷", "Paper changes", "Lần thay giấy"),
    "reprints": ("补打回执", "Receipts reprinted", "Biên nhận in lại"),
    "out_of_service_minutes": ("停止服务时长（分钟）", "Out of service (minutes)", "Thời gian ngừng phục vụ (phút)"),
    "damaged_lines": ("日志损坏行（请运行 kiosk audit verify）", "Damaged journal lines (run kiosk audit verify)",
                      "Dòng nhật ký hỏng (chạy kiosk audit verify)"),
    "applications": ("份", "applications", "hồ sơ"),
    # charts
    "by_hour": ("每小时会话数（按结果）", "Sessions by hour, by outcome", "Số phiên theo giờ, theo kết quả"),
    "hour": ("时", "hour", "giờ"),
    "count": ("数量", "count", "số lượng"),
    "outcomes": ("会话结果", "Outcomes", "Kết quả phiên"),
    "step_times": ("各步骤用时（秒）：中位数与第90百分位", "Time per step (seconds): median and 90th percentile",
                   "Thời gian mỗi bước (giây): trung vị và phân vị 90"),
    "median": ("中位数", "median", "trung vị"),
    "p90": ("第90百分位", "90th percentile", "phân vị 90"),
    "seconds": ("秒", "seconds", "giây"),
    "give_up": ("市民在哪一步放弃（取消或超时）", "Where citizens give up (cancelled or timed out)",
                "Người dân bỏ dở ở bước nào (hủy hoặc hết giờ)"),
    "faults": ("设备故障次数", "Device faults", "Sự cố thiết bị"),
    "downtime": ("设备不可用时长（分钟）", "Device downtime (minutes)", "Thời gian thiết bị ngừng (phút)"),
    "minutes": ("分钟", "minutes", "phút"),
    "no_downtime": ("未记录设备停机", "no device downtime recorded", "không ghi nhận thiết bị ngừng"),
    "paper_changes_n": ("更换纸卷：{n} 次", "paper changes: {n}", "lần thay giấy: {n}"),
    "backlog": ("待送达申请（队列积压）", "Queue backlog: applications not yet delivered",
                "Tồn đọng hàng đợi: hồ sơ chưa chuyển"),
    "receipts": ("每小时打印回执与更换纸卷", "Receipts printed by hour, and paper changes",
                 "Biên nhận in theo giờ và lần thay giấy"),
    "paper_change": ("更换纸卷", "paper changed", "thay giấy"),
    "none": ("无", "none", "không có"),
    "page": ("第 {n} 页", "page {n}", "trang {n}"),
    # outcomes
    "completed": ("完成", "completed", "hoàn tất"),
    "cancelled": ("取消", "cancelled", "đã hủy"),
    "not_eligible": ("不符合条件", "not eligible", "không đủ điều kiện"),
    "handed_over": ("转人工窗口", "handed over", "chuyển quầy"),
    "timed_out": ("超时", "timed out", "hết giờ"),
    "device_error": ("设备故障", "device error", "lỗi thiết bị"),
    "unfinished": ("未结束", "unfinished", "chưa kết thúc"),
    # steps
    "case": ("选择办理类型", "case", "chọn thủ tục"),
    "identify": ("识别证件", "identify", "nhận dạng"),
    "eligibility": ("资格确认", "eligibility", "điều kiện"),
    "face_check": ("人脸核验", "face check", "đối chiếu khuôn mặt"),
    "portrait": ("拍摄照片", "portrait", "chụp ảnh"),
    "contact": ("联系方式", "contact", "liên hệ"),
    "phone_check": ("手机验证码", "phone check", "xác nhận số điện thoại"),   # issue 16
    "review": ("确认签名", "review", "xem lại và ký"),
    "submit": ("提交", "submit", "gửi"),
    "receipt": ("回执", "receipt", "biên nhận"),
    "handover": ("转人工", "hand-over", "chuyển quầy"),
    # cases
    "expiring": ("到期换领", "card expiring", "thẻ sắp hết hạn"),
    "damaged": ("损坏换领", "card damaged", "thẻ bị hỏng"),
    "lost": ("遗失补领", "card lost", "thẻ bị mất"),
    "unknown": ("未知", "unknown", "không rõ"),
    # devices
    "camera": ("摄像头", "camera", "máy ảnh"),
    "card_reader": ("读卡器", "card reader", "đầu đọc thẻ"),
    "printer": ("打印机", "printer", "máy in"),
    "queue": ("本地队列", "queue", "hàng đợi"),
    "network": ("网络", "network", "mạng"),
    "office": ("办证机关查询", "office look-ups", "tra cứu cơ quan cấp thẻ"),
    "disk": ("磁盘", "disk", "ổ đĩa"),
    "out_of_service": ("整机停止服务", "kiosk out of service", "ki-ốt ngừng phục vụ"),
    # device faults (problem codes that name a device)
    "camera_missing": ("摄像头不可用", "camera unavailable", "máy ảnh không dùng được"),
    "reader_missing": ("读卡器不可用", "card reader unavailable", "đầu đọc thẻ không dùng được"),
    "print_failed": ("打印失败", "printing failed", "in thất bại"),
    "save_failed": ("保存失败", "saving failed", "lưu thất bại"),
}
_INDEX = {lang: i for i, lang in enumerate(LANGUAGES)}


def text(key: str, lang: str, **values: object) -> str:
    """The words for `key` in `lang`; an unknown key (a code) is shown as it is."""
    words = _T.get(key)
    if words is None:
        return key.replace("_", " ") if lang == "en" else key
    return words[_INDEX[lang]].format(**values) if values else words[_INDEX[lang]]
