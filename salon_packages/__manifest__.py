# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Salon Packages",
    "summary": "Prepaid session packages for salon services",
    "version": "18.0.1.0.0",
    "category": "Services/Salon",
    "website": "https://github.com/salon-suite/salon",
    "author": "Salon Suite",
    "maintainers": ["salon-suite"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "depends": ["salon_booking", "loyalty", "account_payment"],
    "data": [
        "security/ir.model.access.csv",
        "security/salon_package_rules.xml",
        "data/ir_cron_data.xml",
        "data/mail_template_data.xml",
        "views/loyalty_program_views.xml",
        "views/loyalty_card_views.xml",
        "views/calendar_event_views.xml",
        "views/res_partner_views.xml",
        "views/product_template_views.xml",
        "views/res_config_settings_views.xml",
        "wizards/salon_package_assign_views.xml",
        "views/salon_package_menus.xml",
        "templates/portal_templates.xml",
    ],
    "assets": {
        "point_of_sale._assets_pos": [
            "salon_packages/static/src/pos/**/*",
        ],
        "web.assets_tests": [
            "salon_packages/static/tests/tours/**/*",
        ],
    },
    "demo": ["demo/salon_package_demo.xml"],
    "post_init_hook": "post_init_hook",
    "installable": True,
    "application": False,
}
