from . import test_award_type
from . import test_eligibility
from . import test_i18n_current
from . import test_demo
from . import test_roadmap
from . import test_reports
from . import test_eligibility_performance
from . import test_benchmark_smoke
