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
    "depends": ["salon_booking"],
    "installable": True,
    "application": False,
}
