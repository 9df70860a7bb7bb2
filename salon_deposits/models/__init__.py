from . import res_company
from . import res_config_settings
from . import product_template
from . import salon_deposit
from . import salon_deposit_line
from . import calendar_event
from . import account_move
from . import res_partner
