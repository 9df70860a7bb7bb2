from . import website_booking
from . import portal
