# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Hostile input on the public booking and the client portal.

Whatever a visitor sends, every route answers a page with a status below 500,
a 4xx with a message for input that is clearly wrong, and a refused booking
creates nothing. Hypothesis draws the input, the same on every run
(``derandomize``). Drawn values such as ``@cut`` or ``@token`` stand for the
records of the test: valid and hostile parts mix in one request, so the checks
behind the first one are reached too.
"""

import re
import string
from datetime import date, timedelta
from urllib.parse import quote, urlencode

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from odoo.tests import tagged

from .website_common import SalonWebsiteCommon

FUZZ = settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    database=None,
    # no "explain" phase: it traces every line of Odoo run by a failing example
    phases=[Phase.explicit, Phase.generate, Phase.shrink],
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
        HealthCheck.large_base_example,
    ],
)

REF_RE = re.compile(r"@(\w+)")
CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")
DIGITS = frozenset(string.digits)
# what the pages of a refusal show: the booking's error, a time taken, a form
# field to correct, the website's "page not found"
CLEAR_PAGE_MARKS = ("o_salon_error", "o_salon_taken", "is-invalid", "find the page")

# Any text a browser can send (lone surrogates cannot even be encoded).
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
NON_ASCII = st.text(
    st.characters(min_codepoint=0x80, exclude_categories=("Cs",)),
    min_size=1,
    max_size=200,
)
LONG_TOKEN = st.text(
    string.ascii_letters + string.digits + "-", min_size=65, max_size=2000
)
HUGE = st.integers(min_value=-(10**25), max_value=10**25).map(str)
ID_JUNK = st.one_of(
    st.sampled_from(
        [
            "²",
            "①",
            "99999999999999999999",
            "",
            " ",
            "0",
            "-1",
            "+1",
            "1.5",
            "1e3",
            "0x1f",
            ",",
            "١",
            "１",
            "\x00",
            "1\x00",
            "1;DROP TABLE product_product",
            "[1]",
            "null",
        ]
    ),
    HUGE,
    TEXT,
)


def many(strategy):
    """No value (the parameter is missing), one, or the parameter repeated."""
    return st.lists(strategy, max_size=2)


SERVICES = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "@cut",
                "@color",
                "@cut,@blowdry",
                "@cut,@color",
                "@secret",
                "@cut,@cut",
                "@cut,@color,@blowdry,@secret",
            ]
        ),
        ID_JUNK,
    ),
    max_size=3,
)
STYLIST = many(st.one_of(st.sampled_from(["", "0", "@julie", "@sofia"]), ID_JUNK))
START = many(
    st.one_of(
        st.sampled_from(
            [
                "@slot",
                "@slot2",
                "9999-12-31 23:59:59",
                "0001-01-01 00:00:00",
                "2026-02-30 10:00:00",
                "2026-01-01 25:00:00",
                "2026-01-01T10:00:00",
                "２０２６-０３-０９ １０:００:００",
                "",
            ]
        ),
        st.datetimes().map(lambda moment: moment.isoformat(" ")),
        TEXT,
    )
)
DATE = many(
    st.one_of(
        st.sampled_from(
            ["@day", "", "9999-12-31", "0001-01-01", "2026-13-45", "2999-12-31"]
        ),
        st.dates().map(date.isoformat),
        TEXT,
    )
)
NAME = many(
    st.one_of(
        st.sampled_from(["Gina Guest", "\x00", "Gina\x00Guest", "", "x" * 5000]), TEXT
    )
)
EMAIL = many(
    st.one_of(
        st.sampled_from(
            [
                "gina@example.com",
                "",
                "nope",
                "@",
                "gina@example.com\x00",
                "ü@exämple.com",
                "x" * 300 + "@example.com",
            ]
        ),
        st.emails(),
        TEXT,
    )
)
PHONE = many(st.one_of(st.sampled_from(["+32 470 00 00 00", "", "12"]), TEXT))
CODE = many(st.one_of(st.sampled_from(["", "000000", "12345", "１２３４５６"]), TEXT))
FLAG = many(st.one_of(st.sampled_from(["1", "", "on"]), TEXT))
POSITIONS = st.lists(
    st.one_of(st.sampled_from(["0", "1", "-1", "99999999999999999999", "²"]), TEXT),
    max_size=3,
)
TOKEN = many(
    st.one_of(
        st.sampled_from(["@token", "@token", "@othertoken", "", "wrong"]),
        NON_ASCII,
        LONG_TOKEN,
        TEXT,
    )
)
APPOINTMENT = st.one_of(
    st.sampled_from(["@mine", "@mine", "@others", "@meeting"]),
    st.integers(min_value=-(10**25), max_value=10**25).map(str),
)
PAGE = many(st.one_of(st.sampled_from(["²", "①", "0", "-1", "2"]), HUGE, TEXT))

# What the pages send, and what a hostile visitor sends instead.
VALID = {
    "services": ["@cut"],
    "stylist": [""],
    "date": ["@day"],
    "start": ["@slot"],
    "name": ["Gina Guest"],
    "email": ["gina@example.com"],
    "phone": ["+32 470 00 00 00"],
    "accept_policy": ["1"],
    "code": ["@code"],
    "decline_coverage": [],
    "appointment": "@mine",
    "access_token": ["@token"],
    "message": [],
}
HOSTILE = {
    "services": SERVICES,
    "stylist": STYLIST,
    "date": DATE,
    "start": START,
    "name": NAME,
    "email": EMAIL,
    "phone": PHONE,
    "accept_policy": FLAG,
    "code": CODE,
    "decline_coverage": POSITIONS,
    "appointment": APPOINTMENT,
    "access_token": TOKEN,
    "message": many(st.one_of(st.sampled_from(["cancelled", "moved"]), TEXT)),
}


def request(*names, most=3):
    """The parameters ``names`` as the pages send them, up to ``most`` hostile.

    Mostly valid requests get past the first check: every check of a route
    is reached, and some requests book.
    """
    return st.sets(st.sampled_from(names), max_size=most).flatmap(
        lambda hostile: st.fixed_dictionaries(
            {
                name: HOSTILE[name] if name in hostile else st.just(VALID[name])
                for name in names
            }
        )
    )


def bad_ids(values):
    """Clearly not services: a part that is no plain number, or none at all."""
    parts = [part.strip() for value in values for part in value.split(",")]
    parts = [part for part in parts if part]
    return not parts or any(not set(part) <= DIGITS or len(part) > 9 for part in parts)


def bad_stylist(values):
    """Clearly not a stylist (Odoo reads the first of repeated parameters)."""
    value = values[0].strip() if values else ""
    return bool(value) and not (set(value) <= DIGITS and len(value) <= 9)


def bad_date(values):
    value = values[0] if values else ""
    match = re.fullmatch(r"([0-9]{4})-[0-9]{2}-[0-9]{2}", value)
    if match:
        return not 2000 <= int(match.group(1)) <= 2999
    return bool(value) and not set(value) <= DIGITS | {"-", "W"}


@tagged("post_install", "-at_install")
class TestFuzz(SalonWebsiteCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # hundreds of posts from one address here: throttling is test_abuse's
        cls.company.write({"salon_throttle_email": 10**6, "salon_throttle_ip": 10**6})
        cls.paula = cls.portal_user.partner_id
        cls.mine = cls._book(
            cls._at(cls.day, 10), cls.cut, stylist=cls.julie, client=cls.paula
        )
        cls.others = cls._book(
            cls._at(cls.day, 10),
            cls.cut,
            stylist=cls.thomas,
            client=cls.other_portal_user.partner_id,
        )
        cls.meeting = cls.env["calendar.event"].create(
            {
                "name": "Staff meeting",
                "start": cls._at(cls.day, 8),
                "stop": cls._at(cls.day, 9),
            }
        )
        cls.token = cls.mine._salon_ensure_access_token()
        cls.other_token = cls.others._salon_ensure_access_token()
        cls.slots = {
            cls._start(cls._at(cls.day, 14)),
            cls._start(cls._at(cls.day + timedelta(days=1), 15)),
        }
        cls.refs = {
            "cut": cls.cut.id,
            "color": cls.color.id,
            "blowdry": cls.blowdry.id,
            "secret": cls.secret.id,
            "julie": cls.julie.id,
            "sofia": cls.sofia.id,
            "slot": cls._start(cls._at(cls.day, 14)),
            "slot2": cls._start(cls._at(cls.day + timedelta(days=1), 15)),
            "day": cls.day.isoformat(),
            "token": cls.token,
            "othertoken": cls.other_token,
            "code": cls.env["salon.online.booking"]._salon_verification_code(
                cls.company, "gina@example.com"
            ),
            "mine": cls.mine.id,
            "others": cls.others.id,
            "meeting": cls.meeting.id,
        }

    def setUp(self):
        super().setUp()
        self.appointments = self._count_appointments()
        self.partners = self._count_partners()

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    def _resolve(self, value):
        return REF_RE.sub(lambda m: str(self.refs.get(m.group(1), m.group(0))), value)

    def _params(self, params):
        """``{name: [values]}`` with the records' values in place of ``@refs``."""
        return {
            name: [self._resolve(value) for value in values]
            for name, values in params.items()
        }

    def _count_appointments(self):
        return self.env["calendar.event"].search_count(
            [("salon_is_appointment", "=", True)]
        )

    def _count_partners(self):
        return self.env["res.partner"].with_context(active_test=False).search_count([])

    @staticmethod
    def _link(appointment):
        return f'href="/my/salon/appointments/{appointment.id}"'

    def _login(self, logged_in):
        if logged_in:
            self.authenticate("salon_portal", "salon_portal")
        else:
            self.authenticate(None, None)

    def _fuzz_get(self, path, params):
        query = urlencode(params, doseq=True)
        return self._answered(self._get(f"{path}?{query}" if query else path), params)

    def _fuzz_post(self, path, params):
        return self._answered(self._post(path, params), params)

    def _answered(self, response, params):
        """Never a server error, and a refusal is a page that explains it."""
        where = f"{response.request.method} {response.request.url[:300]} {params!r}"
        self.assertLess(response.status_code, 500, where)
        if response.status_code >= 400:
            self.assertTrue(
                any(mark in response.text for mark in CLEAR_PAGE_MARKS),
                f"{where}: a refusal without a message\n{response.text[:500]}",
            )
        return response

    def _assert_4xx(self, response, why):
        self.assertGreaterEqual(
            response.status_code, 400, f"{why}: {response.request.url[:300]}"
        )

    def _assert_created(self, appointments, partners):
        """Appointments and clients created by the last request."""
        self.env.invalidate_all()
        counts = (self._count_appointments(), self._count_partners())
        self.assertEqual(
            counts, (self.appointments + appointments, self.partners + partners)
        )
        self.appointments, self.partners = counts

    # ------------------------------------------------------------------
    # Website booking
    # ------------------------------------------------------------------

    @FUZZ
    @given(services=SERVICES)
    def test_fuzz_services_page(self, services):
        params = self._params({"services": services})
        response = self._fuzz_get("/salon/booking", params)
        self.assertEqual(response.status_code, 200, "whatever is preselected")
        self.assertIn("Blow-dry", response.text)

    @FUZZ
    @given(
        service=st.one_of(
            st.sampled_from(["@cut", "@secret"]),
            st.integers(min_value=-(10**25), max_value=10**25).map(str),
            st.sampled_from(["²", "①", "abc", "1.5", "%00"]),
            # a path no route matches goes to Odoo's website fallback, which
            # looks the path up in the database: Odoo 18 answers 500 for a NUL
            # byte there, on any URL (not this addon's to fix)
            TEXT.filter(lambda text: text and "\x00" not in text),
        )
    )
    def test_fuzz_service_image(self, service):
        service = self._resolve(service)
        response = self._answered(
            self._get(f"/salon/booking/service/{quote(service, safe='')}/image"),
            service,
        )
        bookable = self.env["salon.online.booking"]._salon_get_services(self.company)
        if service in {str(service_id) for service_id in bookable.ids}:
            self.assertEqual(response.status_code, 200)
            self.assertTrue(response.headers["Content-Type"].startswith("image/"))
        else:
            self.assertNotEqual(response.status_code, 200, service)

    @FUZZ
    @given(params=request("services"))
    def test_fuzz_stylist_step(self, params):
        params = self._params(params)
        response = self._fuzz_get("/salon/booking/stylist", params)
        if bad_ids(params["services"]):
            self._assert_4xx(response, "bad services")

    @FUZZ
    @given(params=request("services", "stylist", "date"))
    def test_fuzz_slots_step(self, params):
        params = self._params(params)
        response = self._fuzz_get("/salon/booking/slots", params)
        if bad_ids(params["services"]) or bad_stylist(params["stylist"]):
            self._assert_4xx(response, "bad services or stylist")
        if bad_date(params["date"]):
            self._assert_4xx(response, "bad date")

    @FUZZ
    @given(params=request("services", "stylist", "start"))
    def test_fuzz_contact_step(self, params):
        params = self._params(params)
        response = self._fuzz_get("/salon/booking/contact", params)
        if bad_ids(params["services"]) or bad_stylist(params["stylist"]):
            self._assert_4xx(response, "bad services or stylist")
        if (params["start"] or [""])[0] not in self.slots:
            self._assert_4xx(response, "not a free time")

    def _fuzz_booking_post(self, route, logged_in, params):
        self._login(logged_in)
        params = self._params(params)
        response = self._fuzz_post(route, params)
        if bad_ids(params["services"]) or bad_stylist(params["stylist"]):
            self._assert_4xx(response, "bad services or stylist")
        if (params["start"] or [""])[0] not in self.slots:
            self._assert_4xx(response, "not a free time")
        name = (params["name"] or [""])[0]
        if not logged_in and not CONTROL_RE.sub(" ", name).strip():
            self._assert_4xx(response, "no name")
        return params, response

    @FUZZ
    @given(
        logged_in=st.booleans(),
        verify=st.booleans(),
        params=request("services", "stylist", "start", "name", "email", "phone"),
    )
    def test_fuzz_review_step(self, logged_in, verify, params):
        self.company.salon_guest_verify_email = verify
        self._fuzz_booking_post("/salon/booking/review", logged_in, params)
        self._assert_created(0, 0)

    @FUZZ
    @given(
        logged_in=st.booleans(),
        verify=st.booleans(),
        params=request(
            "services",
            "stylist",
            "start",
            "name",
            "email",
            "phone",
            "accept_policy",
            "code",
            "decline_coverage",
        ),
    )
    def test_fuzz_confirm(self, logged_in, verify, params):
        self.company.salon_guest_verify_email = verify
        params, response = self._fuzz_booking_post(
            "/salon/booking/confirm", logged_in, params
        )
        if not (params["accept_policy"] or [""])[0]:
            self._assert_4xx(response, "policies not accepted")
        verified = params["code"][:1] == [self.refs["code"]] and params["email"][
            :1
        ] == ["gina@example.com"]
        if verify and not logged_in and not verified:
            self._assert_4xx(response, "email not verified")
        if response.status_code == 303:
            self._assert_created(1, 0 if logged_in else 1)
        else:
            self._assert_created(0, 0)

    # ------------------------------------------------------------------
    # Portal
    # ------------------------------------------------------------------

    @FUZZ
    @given(
        page_path=st.one_of(
            st.none(), st.integers(min_value=-(10**25), max_value=10**25)
        ),
        page=PAGE,
    )
    def test_fuzz_portal_list(self, page_path, page):
        self.authenticate("salon_portal", "salon_portal")
        path = "/my/salon/appointments"
        if page_path is not None:
            path += f"/page/{page_path}"
        response = self._fuzz_get(path, {"page": page})
        self.assertEqual(response.status_code, 200, "the first page or another")
        self.assertTrue(self._link(self.mine) in response.text, "her appointment")

    def _fuzz_portal(self, method, suffix, logged_in, params):
        """Open a portal route; whether the visitor may see the appointment.

        Paula sees hers; a token opens the appointment it was made for;
        anything else gets a 404, or the login page without a token.
        """
        self._login(logged_in)
        params = dict(params)
        appointment = self._resolve(params.pop("appointment"))
        params = self._params(params)
        path = f"/my/salon/appointments/{appointment}{suffix}"
        if method == "POST":
            response = self._fuzz_post(path, params)
        else:
            response = self._fuzz_get(path, params)
        token = (params["access_token"] or [""])[0]
        allowed = (logged_in and appointment == str(self.mine.id)) or (
            (appointment, token)
            in {
                (str(self.mine.id), self.token),
                (str(self.others.id), self.other_token),
            }
        )
        if not allowed:
            expected = 303 if not logged_in and not token else 404
            self.assertEqual(response.status_code, expected, path)
        return allowed, params, response

    @FUZZ
    @given(
        suffix=st.sampled_from(["", "/done"]),
        logged_in=st.booleans(),
        params=request("appointment", "access_token", "message"),
    )
    def test_fuzz_portal_appointment(self, suffix, logged_in, params):
        allowed, params, response = self._fuzz_portal("GET", suffix, logged_in, params)
        if allowed:
            self.assertEqual(response.status_code, 200)

    @FUZZ
    @given(logged_in=st.booleans(), params=request("appointment", "access_token"))
    def test_fuzz_portal_calendar_file(self, logged_in, params):
        allowed, params, response = self._fuzz_portal("GET", "/ics", logged_in, params)
        if allowed:
            self.assertIn(b"BEGIN:VCALENDAR", response.content)

    @FUZZ
    @given(
        logged_in=st.booleans(),
        params=request("appointment", "access_token", "date"),
    )
    def test_fuzz_portal_reschedule_page(self, logged_in, params):
        allowed, params, response = self._fuzz_portal(
            "GET", "/reschedule", logged_in, params
        )
        if allowed:
            expected = 400 if bad_date(params["date"]) else 200
            self.assertEqual(response.status_code, expected)

    @FUZZ
    @given(logged_in=st.booleans(), params=request("appointment", "access_token"))
    def test_fuzz_portal_cancel(self, logged_in, params):
        allowed, params, response = self._fuzz_portal(
            "POST", "/cancel", logged_in, params
        )
        if allowed:
            # the first one cancels, the next ones are refused
            self.assertIn(response.status_code, (303, 403))

    @FUZZ
    @given(
        logged_in=st.booleans(),
        params=request("appointment", "access_token", "start"),
    )
    def test_fuzz_portal_reschedule_confirm(self, logged_in, params):
        allowed, params, response = self._fuzz_portal(
            "POST", "/reschedule/confirm", logged_in, params
        )
        if allowed and (params["start"] or [""])[0] not in self.slots:
            self._assert_4xx(response, "not a free time")

    # ------------------------------------------------------------------
    # Known hostile input, one by one
    # ------------------------------------------------------------------

    def _confirm_data(self, **values):
        return {
            "services": str(self.cut.id),
            "stylist": "",
            "start": self._start(self._at(self.day, 14)),
            "accept_policy": "1",
            **self._guest(),
            **values,
        }

    def _assert_refused(self, response, status, message):
        self.assertEqual(response.status_code, status, response.request.url[:300])
        self.assertTrue(message in response.text, f"{message!r} not on the page")
        self.env.invalidate_all()
        self.assertEqual(self._count_appointments(), self.appointments)
        self.assertEqual(self._count_partners(), self.partners)

    def _assert_services_refused(self, services, message):
        start = self._start(self._at(self.day, 14))
        for route in ("stylist", "slots", "contact"):
            with self.subTest(route=route):
                response = self._get(
                    f"/salon/booking/{route}?"
                    + urlencode({"services": services, "start": start})
                )
                self._assert_refused(response, 400, message)
        for route in ("review", "confirm"):
            with self.subTest(route=route):
                response = self._post(
                    f"/salon/booking/{route}", self._confirm_data(services=services)
                )
                self._assert_refused(response, 400, message)

    def test_superscript_digit_as_service(self):
        self._assert_services_refused("²", "The services requested are not valid.")

    def test_circled_digit_as_service(self):
        self._assert_services_refused("①", "The services requested are not valid.")

    def test_service_id_beyond_any_integer(self):
        huge = "99999999999999999999"
        self._assert_services_refused(huge, "The services requested are not valid.")
        response = self._get(f"/salon/booking/service/{huge}/image")
        self._assert_refused(response, 404, "find the page")

    def test_superscript_digit_as_stylist(self):
        message = "The stylist requested is not valid."
        response = self._get(f"/salon/booking/slots?services={self.cut.id}&stylist=²")
        self._assert_refused(response, 400, message)
        response = self._post("/salon/booking/confirm", self._confirm_data(stylist="²"))
        self._assert_refused(response, 400, message)

    def _assert_start_refused(self, start):
        message = "The time requested is not valid."
        response = self._get(
            f"/salon/booking/contact?services={self.cut.id}&"
            + urlencode({"start": start})
        )
        self._assert_refused(response, 400, message)
        for route in ("review", "confirm"):
            response = self._post(
                f"/salon/booking/{route}", self._confirm_data(start=start)
            )
            self._assert_refused(response, 400, message)
        self.authenticate("salon_portal", "salon_portal")
        response = self._post(
            f"/my/salon/appointments/{self.mine.id}/reschedule/confirm",
            {"start": start},
        )
        self._assert_refused(response, 400, message)
        self.env.invalidate_all()
        self.assertEqual(self.mine.start, self._at(self.day, 10))

    def test_start_in_year_9999(self):
        self._assert_start_refused("9999-12-31 23:59:59")

    def test_start_in_year_0001(self):
        self._assert_start_refused("0001-01-01 00:00:00")

    def test_nul_byte_in_name(self):
        for route in ("review", "confirm"):
            response = self._post(
                f"/salon/booking/{route}", self._confirm_data(name="\x00\x00")
            )
            self._assert_refused(response, 400, "Enter your name.")
        # within a name, the byte PostgreSQL refuses is dropped
        response = self._post(
            "/salon/booking/confirm", self._confirm_data(name="Gina\x00Guest")
        )
        self.assertEqual(response.status_code, 303)
        guest = self.env["res.partner"].search([("email", "=", "gina@example.com")])
        self.assertEqual(guest.name, "Gina Guest")

    def _assert_token_refused(self, token):
        self.authenticate(None, None)
        base = f"/my/salon/appointments/{self.mine.id}"
        query = urlencode({"access_token": token})
        for suffix in ("", "/done", "/ics", "/reschedule"):
            with self.subTest(suffix=suffix):
                response = self._get(f"{base}{suffix}?{query}")
                self._assert_refused(response, 404, "find the page")
        for suffix in ("/cancel", "/reschedule/confirm"):
            with self.subTest(suffix=suffix):
                response = self._post(
                    f"{base}{suffix}",
                    {
                        "access_token": token,
                        "start": self._start(self._at(self.day, 14)),
                    },
                )
                self._assert_refused(response, 404, "find the page")
        self.env.invalidate_all()
        self.assertEqual(self.mine.salon_state, "booked")
        self.assertEqual(self.mine.start, self._at(self.day, 10))

    def test_non_ascii_access_token(self):
        self._assert_token_refused("é" * 36)
        self._assert_token_refused(self.token.replace("-", "–"))

    def test_very_long_access_token(self):
        self._assert_token_refused("a" * 5000)
        self._assert_token_refused(self.token * 20)

    def test_empty_values(self):
        response = self._get("/salon/booking/stylist?services=")
        self._assert_refused(response, 400, "Choose at least one service.")
        response = self._get(f"/salon/booking/contact?services={self.cut.id}&start=")
        self._assert_refused(response, 400, "The time requested is not valid.")
        empty = dict.fromkeys(self._confirm_data(), "")
        response = self._post("/salon/booking/confirm", empty)
        self._assert_refused(response, 400, "Choose at least one service.")
        response = self._post(
            "/salon/booking/confirm",
            self._confirm_data(name="", email="", phone=""),
        )
        self._assert_refused(response, 400, "Enter a valid email address.")
        self.authenticate("salon_portal", "salon_portal")
        response = self._post(
            f"/my/salon/appointments/{self.mine.id}/reschedule/confirm", {"start": ""}
        )
        self._assert_refused(response, 400, "The time requested is not valid.")

    def test_repeated_parameters(self):
        response = self._get(
            f"/salon/booking/stylist?services={self.cut.id}&services={self.cut.id}"
        )
        self._assert_refused(response, 400, "Each service can be chosen only once.")
        response = self._post(
            "/salon/booking/confirm",
            self._confirm_data(services=[str(self.cut.id), "²"]),
        )
        self._assert_refused(response, 400, "The services requested are not valid.")
        # Odoo reads the first of repeated single values: a bad one first is refused
        response = self._post(
            "/salon/booking/confirm",
            self._confirm_data(
                stylist=["²", str(self.julie.id)],
                start=[" ", self._start(self._at(self.day, 14))],
            ),
        )
        self._assert_refused(response, 400, "The stylist requested is not valid.")
        self.authenticate(None, None)
        response = self._get(
            f"/my/salon/appointments/{self.mine.id}?"
            + urlencode({"access_token": ["wrong", self.token]}, doseq=True)
        )
        self._assert_refused(response, 404, "find the page")

    def test_random_unicode_text(self):
        text = "héllo wörld 🙂 ١٢٣ \u202e"
        self._assert_services_refused(text, "The services requested are not valid.")
        # bytes that are no UTF-8 at all
        response = self._get("/salon/booking/stylist?services=%FF%FE%00")
        self._assert_refused(response, 400, "The services requested are not valid.")
        response = self._get(
            f"/salon/booking/slots?services={self.cut.id}&" + urlencode({"date": text})
        )
        self._assert_refused(response, 400, "The date requested is not valid.")
        response = self._post("/salon/booking/confirm", self._confirm_data(start=text))
        self._assert_refused(response, 400, "The time requested is not valid.")
        response = self._post(
            "/salon/booking/confirm", self._confirm_data(email=text, phone=text)
        )
        self._assert_refused(response, 400, "Enter a valid phone number.")

    def test_appointment_id_beyond_any_integer(self):
        huge = "99999999999999999999"
        self.authenticate("salon_portal", "salon_portal")
        for suffix in ("", "/done", "/ics", "/reschedule"):
            with self.subTest(suffix=suffix):
                response = self._get(f"/my/salon/appointments/{huge}{suffix}")
                self._assert_refused(response, 404, "find the page")
        for suffix in ("/cancel", "/reschedule/confirm"):
            with self.subTest(suffix=suffix):
                response = self._post(f"/my/salon/appointments/{huge}{suffix}", {})
                self._assert_refused(response, 404, "find the page")
        self.authenticate(None, None)
        response = self._get(f"/my/salon/appointments/{huge}?access_token=x")
        self._assert_refused(response, 404, "find the page")

    def test_unicode_digit_as_page_number(self):
        """Like Odoo's lists, a page number that is no number shows the first."""
        self.authenticate("salon_portal", "salon_portal")
        for page in ("²", "①", "99999999999999999999", "-1", "abc"):
            with self.subTest(page=page):
                response = self._get(
                    "/my/salon/appointments?" + urlencode({"page": page})
                )
                self.assertEqual(response.status_code, 200)
                self.assertTrue(self._link(self.mine) in response.text)
