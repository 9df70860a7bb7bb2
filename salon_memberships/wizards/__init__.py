from . import salon_membership_subscribe
