from . import salon_package_assign
