from . import campaign_close_wizard
from . import campaign_propose_wizard
from . import nomination_drop_wizard
from . import award_statistics_wizard
from . import unseal_wizard
from . import eligible_print_wizard
from . import return_wizard
from . import dossier_import_wizard
