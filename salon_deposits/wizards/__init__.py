from . import salon_deposit_wizard
from . import salon_booking_wizard
from . import salon_refund_wizard
from . import salon_cancel_wizard
