from . import test_package_type
from . import test_package_use
from . import test_package_pos
from . import test_package_invoice
from . import test_package_concurrency
from . import test_package_expiry
from . import test_portal
from . import test_package_pos_ui
