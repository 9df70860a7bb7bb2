from . import test_appointment
from . import test_availability
from . import test_booking_wizard
from . import test_client_card
from . import test_coverage_hook
from . import test_overlap
from . import test_payment_state
from . import test_security
