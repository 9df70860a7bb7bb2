from . import salon_booking_wizard
from . import salon_booking_wizard_slot
