from . import controllers
from . import models
from . import wizards


def post_init_hook(env):
    env["res.company"].search([])._salon_setup_membership_accounting()
