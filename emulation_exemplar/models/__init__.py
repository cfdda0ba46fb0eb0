# load order matters: the mixin before the models that inherit it
from . import award_type
from . import history_mixin
from . import award
from . import classification
from . import initiative
from . import criteria
from . import exemplar_mixin
from . import hr_employee
from . import hr_department
from . import res_lang
from . import res_company
from . import res_config_settings
from . import report_helpers
from . import ir_actions_report
