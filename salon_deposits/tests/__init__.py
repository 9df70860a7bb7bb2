from . import test_policy
from . import test_salon_deposit
from . import test_deposit_security
from . import test_deposit_link
from . import test_deposit_portal
from . import test_deposit_concurrency
from . import test_deposit_online
from . import test_deposit_pos
