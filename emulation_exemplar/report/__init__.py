from . import emulation_report_base
