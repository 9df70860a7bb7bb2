# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Salon Deposits",
    "summary": "Deposits, card guarantees, fees and refunds for salon appointments",
    "version": "18.0.1.0.0",
    "category": "Services/Salon",
    "website": "https://github.com/salon-suite/salon",
    "author": "Salon Suite",
    "maintainers": ["salon-suite"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "depends": [
        "salon_booking",
        "account_payment",
        "payment_stripe",
        "pos_online_payment",
    ],
    "data": [
        "security/ir.model.access.csv",
        "security/salon_deposit_rules.xml",
        "data/ir_sequence_data.xml",
        "data/mail_template_data.xml",
        "data/ir_cron_data.xml",
        "views/salon_deposit_views.xml",
        "views/calendar_event_views.xml",
        "views/product_template_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "views/card_views.xml",
        "wizards/salon_deposit_wizard_views.xml",
        "wizards/salon_refund_wizard_views.xml",
        "templates/portal_templates.xml",
        "templates/card_templates.xml",
    ],
    "demo": ["demo/salon_deposit_demo.xml"],
    "assets": {
        "web.assets_backend": [
            "salon_deposits/static/src/core/**/*",
            "salon_deposits/static/src/views/**/*",
        ],
        "point_of_sale._assets_pos": [
            "salon_deposits/static/src/core/**/*",
            "salon_deposits/static/src/pos/**/*",
        ],
        "web.assets_tests": [
            "salon_deposits/static/tests/tours/**/*",
        ],
    },
    "post_init_hook": "post_init_hook",
    "installable": True,
    "application": False,
}
