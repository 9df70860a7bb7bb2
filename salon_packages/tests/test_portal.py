# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Packages on the website: the booking of services included in packages
only, "My packages" and buying a package online."""

from urllib.parse import quote, urlencode

from hypothesis import given
from hypothesis import strategies as st

from odoo.tests import tagged

from odoo.addons.salon_booking.tests.common import SalonAccountingCommon
from odoo.addons.salon_booking.tests.test_fuzz import FUZZ, REF_RE
from odoo.addons.salon_booking.tests.website_common import SalonWebsiteCommon
from odoo.addons.salon_booking.tests.website_tour_common import SalonTourCommon

from . import common

TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
HUGE = st.integers(min_value=-(10**25), max_value=10**25).map(str)
ID_JUNK = st.one_of(
    st.sampled_from(
        [
            "²",
            "①",
            "١",
            "99999999999999999999",
            "2147483648",
            "0",
            "-1",
            "1.5",
            "0x1f",
            "1;DROP TABLE loyalty_program",
            "null",
            "%00",
        ]
    ),
    HUGE,
    TEXT,
)

GUEST_MESSAGE = "is included in packages only: log in to use your package"
NO_PACKAGE_MESSAGE = (
    "Scalp Ritual is included in packages only: buy a package in your account, "
    "or book the service at the unit price."
)


def make_package_type(env, name, service, sessions, price, **vals):
    """A package type of ``sessions`` of ``service`` sold ``price`` (with the
    default taxes of the test salon)."""
    return common.make_package_type(
        env, name, [(service, sessions)], price=price, keep_taxes=True, **vals
    )


@tagged("post_install", "-at_install")
class TestPortal(SalonWebsiteCommon, SalonAccountingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company._salon_setup_package_accounting()
        # many posts from one address here: throttling is salon_booking's
        cls.company.write({"salon_throttle_email": 10**6, "salon_throttle_ip": 10**6})
        cls.ritual = cls._service(
            "Scalp Ritual", 0.5, 0.0, 40.0, cls.julie | cls.thomas
        )
        cls.ritual.write(
            {
                "salon_online_bookable": True,
                "salon_package_only": True,
                "property_account_income_id": cls.income.id,
            }
        )
        cls.five = make_package_type(
            cls.env, "5 Rituals", cls.ritual, 5, 200.0, salon_sold_online=True
        )
        cls.five.salon_product_id.taxes_id = cls.tax
        cls.discovery = make_package_type(
            cls.env,
            "Ritual Discovery",
            cls.ritual,
            1,
            30.0,
            salon_sold_online=True,
            salon_discovery=True,
        )
        cls.in_salon = make_package_type(
            cls.env, "Salon Only Rituals", cls.ritual, 3, 90.0
        )
        cls.paula = cls.portal_user.partner_id
        cls.oscar = cls.other_portal_user.partner_id
        cls.Card = cls.env["loyalty.card"]
        cls.start = cls._at(cls.day, 14)

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    def _data(self, *products, **extra):
        data = {
            "services": self._services(*(products or (self.ritual,))),
            "stylist": "",
            "start": self._start(self.start),
            "accept_policy": "1",
        }
        data.update(extra)
        return data

    def _appointments(self):
        self.env.invalidate_all()
        return self.env["calendar.event"].search([("salon_channel", "=", "online")])

    def _invoices(self, partner=None):
        self.env.invalidate_all()
        return self.env["account.move"].search(
            [
                ("move_type", "=", "out_invoice"),
                ("partner_id", "=", (partner or self.paula).id),
            ]
        )

    def _use_all(self, card):
        for _session in range(round(card.points)):
            card._salon_use(self.ritual)

    def _assert_refused_booking(self, message, login="salon_portal", data=None):
        """The review shows ``message`` with no confirmation, and the
        confirmation refuses the booking with it."""
        if login:
            self.authenticate(login, login)
        else:
            self.authenticate(None, None)
        data = data or (self._data() if login else self._data(**self._guest()))
        review = self._post("/salon/booking/review", data)
        self.assertEqual(review.status_code, 400, review.text[:300])
        self.assertIn(message, review.text)
        self.assertIn("o_salon_error", review.text)
        self.assertNotIn("o_salon_confirm", review.text, "nothing to confirm")
        confirm = self._post("/salon/booking/confirm", data)
        self.assertEqual(confirm.status_code, 400, confirm.text[:300])
        self.assertIn(message, confirm.text)
        self.assertNotIn("o_salon_confirm", confirm.text)
        self.assertFalse(self._appointments())
        return review

    # ------------------------------------------------------------------
    # Booking a service included in packages only
    # ------------------------------------------------------------------

    def test_services_page_says_package_only(self):
        response = self._get("/salon/booking")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Scalp Ritual", response.text)
        self.assertEqual(response.text.count("o_salon_package_only"), 1)

    def test_guest_is_told_to_log_in_or_buy(self):
        review = self._assert_refused_booking(GUEST_MESSAGE, login=None)
        self.assertIn("Log in to buy 5 Rituals", review.text)
        self.assertIn("/web/login?redirect=%2Fmy%2Fpackages", review.text)
        self.assertFalse(
            self.env["res.partner"].search([("email", "=", "gina@example.com")])
        )

    def test_client_without_package_is_told_to_buy_one(self):
        review = self._assert_refused_booking(NO_PACKAGE_MESSAGE)
        # the packages sold online that include it, bought in one click
        self.assertIn(f'action="/my/packages/buy/{self.five.id}"', review.text)
        self.assertIn(f'action="/my/packages/buy/{self.discovery.id}"', review.text)
        self.assertNotIn(f"/my/packages/buy/{self.in_salon.id}", review.text)
        self.assertIn("242.00", review.text, "price taxes included")

    def test_other_services_book_as_before(self):
        self.authenticate("salon_portal", "salon_portal")
        review = self._post("/salon/booking/review", self._data(self.cut))
        self.assertEqual(review.status_code, 200)
        self.assertIn("o_salon_confirm", review.text)
        self.assertNotIn("included in packages only", review.text)

    def test_client_without_session_left(self):
        card = self.Card._salon_issue(self.five, self.paula)
        self._use_all(card)
        self._assert_refused_booking(
            "No session of Scalp Ritual is left in your package 5 Rituals: buy a "
            "new package in your account, or book the service at the unit price."
        )

    def test_client_with_expired_package(self):
        card = self.Card._salon_issue(self.five, self.paula)
        card._salon_close("expired")
        self._assert_refused_booking(
            "No session of Scalp Ritual is left in your package 5 Rituals: it "
            "expired on"
        )

    def test_discovery_offer_is_once_per_client(self):
        (self.five | self.in_salon).active = False
        card = self.Card._salon_issue(self.discovery, self.paula)
        self._use_all(card)
        review = self._assert_refused_booking(
            "Scalp Ritual is included in the discovery offer Ritual Discovery "
            "only: a discovery offer is once per client and you already had it."
        )
        self.assertNotIn("/my/packages/buy/", review.text, "nothing to buy again")

    def test_client_with_package_books_the_service_as_included(self):
        card = self.Card._salon_issue(self.five, self.paula)
        self.authenticate("salon_portal", "salon_portal")
        review = self._post("/salon/booking/review", self._data())
        self.assertEqual(review.status_code, 200, review.text[:300])
        self.assertIn("Included in my package 5 Rituals", review.text)
        self.assertIn("o_salon_confirm", review.text)
        self.assertNotIn(
            'name="decline_coverage"', review.text, "its session is the only way"
        )
        response = self._post("/salon/booking/confirm", self._data())
        self.assertEqual(response.status_code, 303, response.text[:500])
        appointment = self._appointments()
        self.assertEqual(appointment.salon_partner_id, self.paula)
        line = appointment.salon_line_ids
        self.assertEqual(line.product_id, self.ritual)
        self.assertEqual(
            (line.coverage_model, line.coverage_res_id), ("loyalty.card", card.id)
        )
        self.assertEqual(line.coverage_amount, 48.4)

    def test_declining_the_package_session_is_refused(self):
        self.Card._salon_issue(self.five, self.paula)
        self.authenticate("salon_portal", "salon_portal")
        response = self._post(
            "/salon/booking/confirm", self._data(decline_coverage="0")
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn(
            "Scalp Ritual is included in packages only: use a session of your "
            "package 5 Rituals to book it online.",
            response.text,
        )
        self.assertFalse(self._appointments())

    def test_last_session_promised_to_another_appointment(self):
        card = self.Card._salon_issue(self.discovery, self.paula)
        self.authenticate("salon_portal", "salon_portal")
        first = self._post("/salon/booking/confirm", self._data())
        self.assertEqual(first.status_code, 303, first.text[:500])
        self.assertEqual(self._appointments().salon_line_ids.coverage_res_id, card.id)
        data = self._data(start=self._start(self._at(self.day, 16)))
        review = self._post("/salon/booking/review", data)
        self.assertEqual(review.status_code, 400)
        self.assertIn(
            "the sessions left are kept for your other appointments", review.text
        )
        self.assertEqual(len(self._appointments()), 1)

    # ------------------------------------------------------------------
    # My packages
    # ------------------------------------------------------------------

    def test_my_packages_shows_own_packages_only(self):
        mine = self.Card._salon_issue(self.five, self.paula)
        mine._salon_use(self.ritual)
        old = self.Card._salon_issue(self.in_salon, self.paula)
        old._salon_close("expired")
        others = self.Card._salon_issue(self.discovery, self.oscar)
        self.authenticate("salon_portal", "salon_portal")
        response = self._get("/my/packages")
        self.assertEqual(response.status_code, 200)
        text = response.text
        self.assertIn("Scalp Ritual: 4 left", text)
        self.assertIn(f'href="/my/loyalty_card/{mine.id}/history"', text)
        self.assertIn(f'href="/my/loyalty_card/{old.id}/history"', text)
        self.assertNotIn(f"/my/loyalty_card/{others.id}/", text)
        # in use first, then the past ones
        self.assertLess(text.index(f"{mine.id}/history"), text.index("Buy a package"))
        self.assertLess(text.index("Buy a package"), text.index(f"{old.id}/history"))
        # sold online: prices taxes included, a discovery offer while not had
        self.assertIn("242.00", text)
        self.assertIn(f'action="/my/packages/buy/{self.five.id}"', text)
        self.assertIn(f'action="/my/packages/buy/{self.discovery.id}"', text)
        self.assertNotIn(f"/my/packages/buy/{self.in_salon.id}", text)
        # the history is Odoo's loyalty page, of her own cards only
        history = self._get(f"/my/loyalty_card/{mine.id}/history")
        self.assertEqual(history.status_code, 200)
        other = self._get(f"/my/loyalty_card/{others.id}/history")
        self.assertEqual(other.status_code, 303)
        for path in (
            f"/my/loyalty_card/{mine.id}/history?sortby=nope",
            f"/my/loyalty_card/{mine.id}/history/page/99999999999999999999",
        ):
            with self.subTest(path=path):
                self.assertEqual(self._get(path).status_code, 200)
        huge = self._get("/my/loyalty_card/99999999999999999999/history")
        self.assertEqual(huge.status_code, 303)
        # Oscar sees his, not hers; the discovery offer he had is not for sale
        self.authenticate("salon_portal_other", "salon_portal_other")
        text = self._get("/my/packages").text
        self.assertIn(f"/my/loyalty_card/{others.id}/history", text)
        self.assertNotIn(f"/my/loyalty_card/{mine.id}/", text)
        self.assertIn("You already had this discovery offer", text)
        self.assertNotIn(f"/my/packages/buy/{self.discovery.id}", text)

    def test_portal_home_entry_and_login(self):
        self.Card._salon_issue(self.five, self.paula)
        self.authenticate(None, None)
        response = self._get("/my/packages")
        self.assertEqual(response.status_code, 303)
        self.assertIn("/web/login", response.headers["Location"])
        self.authenticate("salon_portal", "salon_portal")
        home = self._get("/my")
        self.assertIn('href="/my/packages"', home.text)
        self.assertIn("salon_package_count", home.text)
        counters = self.url_open(
            "/my/counters",
            data='{"params": {"counters": ["salon_package_count"]}}',
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(counters.json()["result"]["salon_package_count"], 1)

    # ------------------------------------------------------------------
    # Buying a package online
    # ------------------------------------------------------------------

    def test_buy_creates_a_posted_invoice_to_pay(self):
        self.authenticate("salon_portal", "salon_portal")
        response = self._post(f"/my/packages/buy/{self.five.id}", {})
        self.assertEqual(response.status_code, 303, response.text[:300])
        invoice = self._invoices()
        self.assertEqual(len(invoice), 1)
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(invoice.partner_id, self.paula)
        self.assertEqual(invoice.company_id, self.company)
        self.assertEqual(
            invoice.invoice_line_ids.product_id, self.five.salon_product_id
        )
        self.assertEqual(invoice.amount_total, 242.0)
        self.assertTrue(
            response.headers["Location"].endswith(invoice.get_portal_url()),
            response.headers["Location"],
        )
        page = self.url_open(response.headers["Location"])
        self.assertEqual(page.status_code, 200)
        self.assertIn(invoice.name, page.text)
        # clicking again before paying: the same invoice to pay
        again = self._post(f"/my/packages/buy/{self.five.id}", {})
        self.assertEqual(again.headers["Location"], response.headers["Location"])
        self.assertEqual(len(self._invoices()), 1)
        # paid: the package is hers
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({})._create_payments()
        card = self.Card.search([("partner_id", "=", self.paula.id)])
        self.assertEqual(card.program_id, self.five)
        self.assertIn("Scalp Ritual: 5 left", self._get("/my/packages").text)

    def test_buy_refused(self):
        other_company = self.env["res.company"].create({"name": "Other Salon"})
        elsewhere = make_package_type(
            self.env["loyalty.program"].with_company(other_company).env,
            "Elsewhere Rituals",
            self.ritual,
            2,
            50.0,
            salon_sold_online=True,
            company_id=other_company.id,
        )
        archived = make_package_type(
            self.env, "Old Rituals", self.ritual, 2, 50.0, salon_sold_online=True
        )
        archived.active = False
        self.Card._salon_issue(self.discovery, self.paula)
        unknown = self.env["loyalty.program"].search([], order="id desc", limit=1).id
        self.authenticate("salon_portal", "salon_portal")
        cases = [
            (self.in_salon.id, 404, "This package cannot be bought online."),
            (archived.id, 404, "This package cannot be bought online."),
            (elsewhere.id, 404, "This package cannot be bought online."),
            (unknown + 1000, 404, "This package cannot be bought online."),
            (2**31, 404, "This package cannot be bought online."),
            (10**20, 404, "This package cannot be bought online."),
            (
                self.discovery.id,
                403,
                "You already had the discovery offer Ritual Discovery: it is once "
                "per client.",
            ),
        ]
        for program_id, status, message in cases:
            with self.subTest(program_id=program_id):
                response = self._post(f"/my/packages/buy/{program_id}", {})
                self.assertEqual(response.status_code, status)
                self.assertIn(message, response.text)
                self.assertIn("My packages", response.text)
        for path in ("-1", "abc", "%C2%B2", "1.5"):
            with self.subTest(path=path):
                response = self._post(f"/my/packages/buy/{path}", {})
                self.assertEqual(response.status_code, 404)
        # a GET, a post without the CSRF token, a visitor not logged in
        self.assertEqual(self._get(f"/my/packages/buy/{self.five.id}").status_code, 405)
        response = self._post(
            f"/my/packages/buy/{self.five.id}", {"quantity": "1"}, csrf=False
        )
        self.assertEqual(response.status_code, 400)
        self.authenticate(None, None)
        response = self._post(f"/my/packages/buy/{self.five.id}", {})
        self.assertIn(response.status_code, (302, 303))
        self.assertIn("/web/login", response.headers["Location"])
        self.assertFalse(self._invoices())

    # ------------------------------------------------------------------
    # Hostile input
    # ------------------------------------------------------------------

    def _resolve(self, value):
        refs = {
            "five": self.five.id,
            "discovery": self.discovery.id,
            "in_salon": self.in_salon.id,
            "ritual": self.ritual.id,
            "cut": self.cut.id,
            "slot": self._start(self.start),
        }
        return REF_RE.sub(lambda m: str(refs.get(m.group(1), m.group(0))), value)

    def _assert_answered(self, response, where):
        self.assertLess(response.status_code, 500, f"{where}\n{response.text[:500]}")

    @FUZZ
    @given(
        logged_in=st.booleans(),
        program=st.one_of(
            st.sampled_from(["@five", "@discovery", "@in_salon"]),
            # a path no route matches goes to Odoo's website fallback, which
            # answers 500 for a NUL byte on any URL (not this addon's to fix)
            ID_JUNK.filter(lambda text: text and "\x00" not in text),
        ),
        method=st.sampled_from(["POST", "GET"]),
    )
    def test_fuzz_buy(self, logged_in, program, method):
        if logged_in:
            self.authenticate("salon_portal", "salon_portal")
        else:
            self.authenticate(None, None)
        value = self._resolve(program)
        path = f"/my/packages/buy/{quote(value, safe='')}"
        if method == "POST":
            response = self._post(path, {})
        else:
            response = self._get(path)
        self._assert_answered(response, f"{method} {path}")
        buyable = {str(self.five.id), str(self.discovery.id)}
        if response.status_code == 303 and logged_in and method == "POST":
            location = response.headers.get("Location", "")
            self.assertTrue(value in buyable and "/my/invoices/" in location, path)

    @FUZZ
    @given(
        page=st.one_of(st.none(), ID_JUNK.filter(lambda t: t and "\x00" not in t)),
        query=st.lists(ID_JUNK, max_size=2),
    )
    def test_fuzz_my_packages(self, page, query):
        self.authenticate("salon_portal", "salon_portal")
        path = "/my/packages"
        if page is not None:
            path += f"/page/{quote(page, safe='')}"
        query_string = urlencode({"page": query}, doseq=True)
        response = self._get(f"{path}?{query_string}")
        self._assert_answered(response, path)

    @FUZZ
    @given(
        card=st.one_of(
            st.sampled_from(["@mine", "@others"]),
            ID_JUNK.filter(lambda text: text and "\x00" not in text),
        ),
        page=st.one_of(st.none(), ID_JUNK.filter(lambda t: t and "\x00" not in t)),
        sortby=st.one_of(st.sampled_from(["date", "used", "issued"]), TEXT),
    )
    def test_fuzz_package_history(self, card, page, sortby):
        if not self.Card.search_count([("partner_id", "=", self.paula.id)]):
            self.Card._salon_issue(self.five, self.paula)
            self.Card._salon_issue(self.five, self.oscar)
        refs = {
            "mine": self.Card.search([("partner_id", "=", self.paula.id)]).id,
            "others": self.Card.search([("partner_id", "=", self.oscar.id)]).id,
        }
        card = REF_RE.sub(lambda m: str(refs[m.group(1)]), card)
        self.authenticate("salon_portal", "salon_portal")
        path = f"/my/loyalty_card/{quote(card, safe='')}/history"
        if page is not None:
            path += f"/page/{quote(page, safe='')}"
        response = self._get(f"{path}?{urlencode({'sortby': sortby})}")
        self._assert_answered(response, path)
        if card == str(refs["others"]):
            self.assertNotEqual(response.status_code, 200, "not hers")

    @FUZZ
    @given(
        login=st.sampled_from([None, "salon_portal", "salon_portal_other"]),
        services=st.lists(
            st.one_of(
                st.sampled_from(
                    [
                        "@ritual",
                        "@ritual,@cut",
                        "@cut,@ritual",
                        "@cut",
                        "@ritual,@ritual",
                    ]
                ),
                ID_JUNK,
            ),
            min_size=1,
            max_size=2,
        ),
        declined=st.lists(
            st.one_of(st.sampled_from(["0", "1", "-1", "²"]), ID_JUNK), max_size=3
        ),
        route=st.sampled_from(["review", "confirm"]),
    )
    def test_fuzz_booking_review(self, login, services, declined, route):
        # Oscar has a package, Paula none
        if not self.Card.search_count([("partner_id", "=", self.oscar.id)]):
            self.Card._salon_issue(self.five, self.oscar)
        if login:
            self.authenticate(login, login)
        else:
            self.authenticate(None, None)
        services = [self._resolve(value) for value in services]
        data = {
            "services": services,
            "stylist": "",
            "start": self._start(self.start),
            "accept_policy": "1",
            "decline_coverage": declined,
            **({} if login else self._guest()),
        }
        response = self._post(f"/salon/booking/{route}", data)
        self._assert_answered(response, f"{route} {data!r}")
        if services == [str(self.ritual.id)] and login != "salon_portal_other":
            self.assertEqual(response.status_code, 400)
            self.assertIn("included in packages only", response.text)


@tagged("post_install", "-at_install")
class TestPortalTour(SalonTourCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ritual = cls._tour_service("Tour Ritual", 0.5, 45.0)
        cls.ritual.salon_package_only = True
        make_package_type(
            cls.env, "Tour Rituals", cls.ritual, 5, 200.0, salon_sold_online=True
        )

    def test_client_without_package_sees_why(self):
        self.start_tour(
            "/salon/booking",
            "salon_packages_portal_no_package",
            login="salon_tour_portal",
        )
        self.env.invalidate_all()
        self.assertFalse(
            self.env["calendar.event"].search(
                [("salon_line_ids.product_id", "=", self.ritual.id)]
            )
        )
