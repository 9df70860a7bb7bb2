from . import test_membership_subscribe
from . import test_membership_payments
from . import test_membership_credit
from . import test_membership_portal
from . import test_membership_concurrency
from . import test_membership_pos
from . import test_membership_pos_ui
from . import test_membership_portal_tour
