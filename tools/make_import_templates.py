"""Write the import templates of emulation_exemplar/static/xls/ (run after changing them here).

    python3 tools/make_import_templates.py

Each template is an XLSX workbook whose FIRST sheet is the data, ready for Odoo's standard import
(base_import): one header row with the import labels of the fields (matched automatically),
then example rows that point at the demo data and the shipped award catalogue. The header cells
carry a Vietnamese note, and a second sheet "Hướng dẫn" explains every column in Vietnamese.
"""

import datetime
import io
import os
import zipfile

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "emulation_exemplar", "static", "xls")
FIXED_TIME = datetime.datetime(2025, 1, 1)

RECIPIENT_NOTE = (
    "Ghi tên nhân viên đúng như trong hồ sơ nhân sự (cá nhân), HOẶC để trống và ghi cột "
    "{other} (tập thể). Không ghi cả hai."
)
EMPLOYEE_HELP = (
    "Người được khen thưởng (cá nhân): họ và tên đúng như trong hồ sơ nhân sự, kể cả người đã "
    "nghỉ (hồ sơ đã lưu trữ). Muốn đối chiếu theo mã thay vì theo tên: đổi tiêu đề cột thành "
    "«Employee/External ID» (mã ngoài, ví dụ __import__.nv_0012) hoặc «Employee/Database ID» "
    "(số ID của hồ sơ, xem trên địa chỉ trang hồ sơ nhân viên). Để trống nếu là tập thể."
)
UNIT_HELP = (
    "Đơn vị được khen thưởng (tập thể): tên phòng, ban như trong mục Phòng ban, ví dụ «Văn "
    "phòng – Thanh tra»; nếu hai phòng trùng tên, ghi đủ đường dẫn «Ban Giám đốc / Văn phòng – "
    "Thanh tra». Để trống nếu là cá nhân. Loại đối tượng (cá nhân/tập thể) được tự suy ra từ "
    "cột nào có giá trị."
)
YEAR_HELP = (
    "Bắt buộc. Năm mà thành tích được tính (năm thi đua), 4 chữ số, từ 1945 đến năm sau "
    "năm hiện tại; không nhất thiết là năm ký quyết định."
)
DATE_HELP = (
    "Ngày ký quyết định, định dạng ngày của Excel (ví dụ 15/01/2024). Không được sớm hơn năm "
    "thành tích. Có thể để trống."
)
HELP_INTRO = [
    "HƯỚNG DẪN NHẬP DỮ LIỆU CÁC NĂM TRƯỚC",
    "1. Nhập dữ liệu vào trang tính đầu tiên («Dữ liệu»), mỗi dòng một bản ghi; giữ nguyên dòng "
    "tiêu đề (tiếng Anh) để Odoo tự khớp các cột.",
    "2. Xoá các dòng ví dụ (chúng trỏ tới dữ liệu mẫu) trước khi nhập dữ liệu thật.",
    "3. Trong Odoo: mở danh sách tương ứng › biểu tượng bánh răng › Nhập bản ghi › Tải tệp dữ "
    "liệu lên › Kiểm thử › Nhập.",
    "4. Nếu có dòng sai, Odoo báo số dòng và lý do, và KHÔNG nhập dòng nào: sửa tệp rồi nhập lại.",
    "5. Ô để trống nghĩa là không có giá trị: các cột «Bắt buộc» phải được ghi ở mọi dòng.",
    "Các cột:",
]

TEMPLATES = {
    "emulation_award.xlsx": {
        "columns": [
            ("Employee", EMPLOYEE_HELP, "Võ Thị Hồng Nhung", ""),
            ("Unit", UNIT_HELP, "", "Văn phòng – Thanh tra"),
            (
                "Award type",
                "Bắt buộc. Danh hiệu thi đua hoặc hình thức khen thưởng: ghi MÃ (ví dụ CSTDCS = "
                "Chiến sĩ thi đua cơ sở, LDTT = Lao động tiên tiến, "
                "TTLDXS = Tập thể lao động xuất sắc, "
                "BK_UBND = Bằng khen của Chủ tịch UBND tỉnh, GK = Giấy khen) hoặc TÊN đúng như "
                "trong danh mục (Cấu hình › Danh mục khen thưởng). Danh hiệu chỉ dành cho tập thể "
                "không được ghi cho cá nhân, và ngược lại.",
                "CSTDCS",
                "TTLDXS",
            ),
            ("Year", YEAR_HELP, 2020, 2020),
            (
                "Decision Number",
                "Số, ký hiệu quyết định, ví dụ 1234/QĐ-UBND.",
                "15/QĐ-SNgV",
                "210/QĐ-UBND",
            ),
            ("Decision Date", DATE_HELP, datetime.date(2021, 1, 15), datetime.date(2021, 3, 2)),
            (
                "Issuing authority",
                "Cấp ký quyết định. Để trống để lấy theo danh mục (ví dụ Chủ tịch UBND tỉnh).",
                "",
                "",
            ),
            (
                "Achievement",
                "Thành tích được khen thưởng (không bắt buộc).",
                "Hoàn thành xuất sắc nhiệm vụ năm 2020",
                "",
            ),
        ],
    },
    "emulation_classification.xlsx": {
        "columns": [
            ("Employee", EMPLOYEE_HELP, "Võ Thị Hồng Nhung", ""),
            ("Unit", UNIT_HELP, "", "Văn phòng – Thanh tra"),
            ("Year", YEAR_HELP + " Mỗi người, mỗi đơn vị chỉ có một xếp loại mỗi năm.", 2020, 2020),
            (
                "Classification level",
                "Bắt buộc. Mức xếp loại chất lượng (Nghị định 90/2020/NĐ-CP): excellent = Hoàn "
                "thành xuất sắc nhiệm vụ; good = Hoàn thành tốt nhiệm vụ; "
                "completed = Hoàn thành nhiệm vụ; "
                "not_completed = Không hoàn thành nhiệm vụ. Có thể ghi mã (tiếng Anh) hoặc tên "
                "mức bằng tiếng Việt như trên.",
                "excellent",
                "good",
            ),
            (
                "Decision reference",
                "Số, ký hiệu văn bản xếp loại (không bắt buộc).",
                "12/QĐ-SNgV",
                "12/QĐ-SNgV",
            ),
            ("Decision Date", DATE_HELP, datetime.date(2021, 1, 10), datetime.date(2021, 1, 10)),
            ("Note", "Ghi chú (không bắt buộc).", "", ""),
        ],
    },
    "emulation_initiative.xlsx": {
        "columns": [
            ("Title", "Bắt buộc. Tên sáng kiến.", "Số hoá sổ theo dõi văn bản đến", ""),
            (
                "Authors",
                "Tác giả và đồng tác giả: họ và tên như trong hồ sơ nhân sự, cách nhau bằng dấu "
                "phẩy, ví dụ «Võ Thị Hồng Nhung,Đặng Văn Hùng». Bắt buộc ít nhất một người. Muốn "
                "đối chiếu theo mã: đổi tiêu đề thành «Authors/External ID» hoặc "
                "«Authors/Database ID».",
                "Võ Thị Hồng Nhung,Đặng Văn Hùng",
                "",
            ),
            (
                "Level",
                "Bắt buộc. Cấp công nhận sáng kiến: grassroots = cấp cơ sở; provincial = cấp tỉnh; "
                "national = cấp toàn quốc (có thể ghi tên cấp bằng tiếng Việt: Cơ sở, Cấp tỉnh, "
                "Toàn quốc).",
                "grassroots",
                "",
            ),
            ("Year", YEAR_HELP, 2020, ""),
            ("Decision Number", "Số, ký hiệu quyết định công nhận.", "45/QĐ-HĐSK", ""),
            ("Decision Date", DATE_HELP, datetime.date(2021, 2, 1), ""),
            (
                "Applied Effectively",
                "Đã được công nhận áp dụng có hiệu quả: 1 (có) hoặc 0 (không).",
                1,
                "",
            ),
            ("Description", "Mô tả ngắn nội dung và hiệu quả (không bắt buộc).", "", ""),
        ],
    },
}


def build(columns):
    book = Workbook()
    data = book.active
    data.title = "Dữ liệu"
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for col, (label, note, *examples) in enumerate(columns, 1):
        cell = data.cell(row=1, column=col, value=label)
        cell.font = bold
        cell.fill = fill
        cell.comment = Comment(note, "Hướng dẫn", width=320, height=160)
        for row, value in enumerate(examples, 2):
            if value == "":
                continue
            cell = data.cell(row=row, column=col, value=value)
            if isinstance(value, datetime.date):
                cell.number_format = "DD/MM/YYYY"
        width = max(len(str(v)) for v in (label, *examples)) + 4
        data.column_dimensions[get_column_letter(col)].width = min(max(width, 12), 40)
    data.freeze_panes = "A2"
    helpsheet = book.create_sheet("Hướng dẫn")
    helpsheet.column_dimensions["A"].width = 24
    helpsheet.column_dimensions["B"].width = 110
    row = 1
    for line in HELP_INTRO:
        helpsheet.cell(row=row, column=1, value=line).font = bold if row == 1 else Font()
        row += 1
    for label, note, *_examples in columns:
        helpsheet.cell(row=row, column=1, value=label).font = bold
        cell = helpsheet.cell(row=row, column=2, value=note)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        row += 1
    book.properties.creator = "emulation_exemplar"
    book.properties.created = book.properties.modified = FIXED_TIME
    return book


def save(book, path):
    """Save with fixed zip timestamps, so that an unchanged template gives the same bytes."""
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=FIXED_TIME.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, src.read(item.filename))


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, spec in TEMPLATES.items():
        path = os.path.join(OUT, name)
        save(build(spec["columns"]), path)
        print(path)


if __name__ == "__main__":
    main()
