# Copyright 2026 Salon Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Salon Booking",
    "summary": "Services, stylists, appointments and availability for salons",
    "version": "18.0.1.0.0",
    "category": "Services/Salon",
    "website": "https://github.com/salon-suite/salon",
    "author": "Salon Suite",
    "maintainers": ["salon-suite"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "application": True,
    "installable": True,
    "depends": ["account", "calendar", "hr", "mail", "product", "resource"],
    "data": [
        "security/salon_security.xml",
        "security/ir.model.access.csv",
        "security/salon_rules.xml",
        "data/ir_sequence_data.xml",
        "data/mail_template_data.xml",
        "data/ir_cron_data.xml",
        "wizards/salon_booking_wizard_views.xml",
        "views/salon_service_category_views.xml",
        "views/salon_service_menu_views.xml",
        "views/product_template_views.xml",
        "views/hr_employee_views.xml",
        "views/calendar_event_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "views/salon_menus.xml",
    ],
    "demo": ["demo/salon_demo.xml"],
    "assets": {
        "web.assets_backend": [
            "salon_booking/static/src/views/**/*",
        ],
        "web.assets_tests": [
            "salon_booking/static/tests/tours/**/*",
        ],
    },
}
