# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import SalonCommon, utc

# one term of the interface and the subject of the confirmation, per language
EXPECTED = {
    "fr_FR": ("Arrivé", "Votre rendez-vous"),
    "nl_BE": ("Ingecheckt", "Uw afspraak"),
    "de_DE": ("Eingecheckt", "Ihr Termin"),
}


@tagged("post_install", "-at_install")
class TestTranslations(SalonCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for code in EXPECTED:
            cls.env["res.lang"]._activate_lang(code)
        cls.env["ir.module.module"]._load_module_terms(
            ["salon_booking"], list(EXPECTED), overwrite=True
        )

    def test_interface_and_emails_in_the_client_language(self):
        Event = self.env["calendar.event"]  # mails on
        for code, (checked_in, subject) in EXPECTED.items():
            with self.subTest(lang=code):
                labels = dict(
                    Event.with_context(lang=code)
                    ._fields["salon_state"]
                    ._description_selection(self.env(context={"lang": code}))
                )
                self.assertEqual(labels["checked_in"], checked_in)
                client = self.env["res.partner"].create(
                    {
                        "name": f"Client {code}",
                        "email": f"{code}@example.com",
                        "lang": code,
                    }
                )
                appointment = self._book(utc(0, 9), self.cut, client=client)
                appointment.with_context(salon_no_mail=False)._salon_send_mail(
                    "salon_booking.mail_template_salon_confirmation"
                )
                message = appointment.message_ids[0]
                self.assertTrue(message.subject.startswith(subject), message.subject)
                appointment.action_salon_cancel()

    def test_errors_are_translated(self):
        appointment = self._book(utc(0, 9), self.cut)
        appointment.action_salon_confirm()
        french = appointment.with_context(lang="fr_FR")
        with self.assertRaisesRegex(UserError, "Utilisez les boutons"):
            french.write({"salon_state": "done"})
