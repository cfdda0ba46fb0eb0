from . import emulation_report_base
from . import report_record
from . import report_eligible
from . import report_campaign
from . import report_registration
