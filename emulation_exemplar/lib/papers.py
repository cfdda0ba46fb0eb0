"""The fixed texts and numbering of official papers (Decree 30/2020/NĐ-CP): plain Python, read
by the models (the company's paper settings) and by the papers themselves."""

import re

# Fixed legal texts of Decree 30/2020/NĐ-CP (not translated: they are printed as they are).
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc"
RECIPIENTS_TITLE = "Nơi nhận:"
DEFAULT_RECIPIENTS = "Như trên;\nLưu: VT."
DEFAULT_SIGNER_TITLE = "THỦ TRƯỞNG CƠ QUAN"
PAPER_LANG = "vi_VN"  # the language of the papers when the company sets none
# Type codes of administrative documents (Decree 30/2020, appendix III), and DS for a list.
TYPE_CODES = frozenset(
    "NQ QĐ CT QC QyĐ TC TB HD CTr KH PA ĐA DA BC BB TTr HĐ CĐ GN TTh GUQ GM GGT GNP PG PC PB "
    "DS".split()
)


def _initials(name):
    """Initials of a body's name, e.g. "Sở Ngoại vụ" -> "SNV"."""
    return "".join(word[0] for word in re.findall(r"\w+", name or "")).upper()


def document_symbol(symbol, type_code):
    """The symbol of a paper of type ``type_code``: "KH-SNgV" becomes "BC-SNgV" for a report;
    a symbol without a type code ("SNgV") gets one ("BC-SNgV")."""
    if not symbol:
        return type_code or ""
    head, sep, tail = symbol.partition("-")
    if sep and head in TYPE_CODES:
        symbol = tail
    return "%s-%s" % (type_code, symbol) if type_code else symbol
