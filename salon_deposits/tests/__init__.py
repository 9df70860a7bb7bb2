from . import test_policy
from . import test_salon_deposit
from . import test_deposit_security
