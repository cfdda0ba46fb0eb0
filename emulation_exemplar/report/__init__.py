from . import emulation_report_base
from . import report_record
from . import report_eligible
from . import report_campaign
from . import report_registration
from . import report_proposal
from . import report_council_minutes
from . import report_decision
