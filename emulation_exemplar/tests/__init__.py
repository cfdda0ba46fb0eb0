from . import test_award_type
