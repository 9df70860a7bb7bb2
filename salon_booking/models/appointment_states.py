# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The state table of an appointment (seed 004: booked, checked in, no-show).

These are the defaults of salon_booking. Code never reads them directly: it asks
``calendar.event`` (``_salon_get_transitions()``, ``_salon_get_free_states()``,
...), which addons override to add a state (``selection_add`` on
``salon_state`` plus one override). See ``readme/SEAMS.md``.
"""

STATES = [
    ("booked", "Booked"),
    ("confirmed", "Confirmed"),
    ("checked_in", "Checked In"),
    ("done", "Done"),
    ("no_show", "No-Show"),
    ("cancelled", "Cancelled"),
]
# The state of a new appointment, unless its channel or an addon decides.
INITIAL_STATE = "booked"
# Allowed transitions: from state -> states it may move to.
TRANSITIONS = {
    "booked": {"confirmed", "checked_in", "no_show", "cancelled"},
    "confirmed": {"booked", "checked_in", "no_show", "cancelled"},
    "checked_in": {"confirmed", "done"},
    "done": set(),
    "no_show": {"booked"},
    "cancelled": {"booked"},
}
# States in which an appointment no longer holds the stylist's time.
FREE_STATES = {"no_show", "cancelled"}
# States in which the client holds a booking: entering one sends the
# confirmation email; reminders are sent for them.
BOOKED_STATES = {"booked", "confirmed"}
# States from which the client may still cancel or move it (portal).
CHANGEABLE_STATES = {"booked", "confirmed"}
# States from which an appointment is checked out (POS, invoice).
CHECKOUT_STATES = {"booked", "confirmed", "checked_in"}
# Calendar colour index of each state (web's o_calendar_color_N palette).
STATE_COLORS = {
    "booked": 4,
    "confirmed": 10,
    "checked_in": 2,
    "done": 7,
    "no_show": 1,
    "cancelled": 0,
}
