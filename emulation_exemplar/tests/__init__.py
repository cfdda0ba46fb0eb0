from . import test_award_type
from . import test_eligibility
from . import test_eligibility_performance
