# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Salon Memberships",
    "summary": "Monthly salon memberships paid by SEPA direct debit through Mollie",
    "version": "18.0.1.0.0",
    "category": "Services/Salon",
    "website": "https://github.com/salon-suite/salon",
    "author": "Salon Suite",
    "maintainers": ["salon-suite"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "depends": ["salon_booking", "loyalty", "account_payment", "payment_mollie"],
    "external_dependencies": {"python": ["mollie-api-python"]},
    "data": [
        "security/ir.model.access.csv",
        "security/salon_membership_rules.xml",
        "data/ir_sequence_data.xml",
        "data/mail_template_data.xml",
        "data/ir_cron_data.xml",
        "wizards/salon_membership_subscribe_views.xml",
        "views/salon_membership_plan_views.xml",
        "views/salon_membership_views.xml",
        "views/res_partner_views.xml",
        "views/account_move_views.xml",
        "views/res_config_settings_views.xml",
        "views/salon_membership_menus.xml",
        "templates/portal_templates.xml",
    ],
    "assets": {
        "point_of_sale._assets_pos": [
            "salon_memberships/static/src/pos/**/*",
        ],
        "web.assets_tests": [
            "salon_memberships/static/tests/tours/**/*",
        ],
    },
    "demo": ["demo/salon_membership_demo.xml"],
    "post_init_hook": "post_init_hook",
    "installable": True,
    "application": False,
}
