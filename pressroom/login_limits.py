"""Two limits on admin sign-in failures: per user name from one address, and per address.

django-axes counts failures for each set of lockout parameters and compares the
largest count with one limit. An address trying passwords against many user
names needs a limit of its own, higher than one user's (an office behind one
address mistypes now and then), so each count is weighed against its own limit.
"""

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest


class UserAndAddressHandler(AxesDatabaseHandler):
    """Lock a user name from one address after AXES_FAILURE_LIMIT failures, and an address
    after AXES_ADDRESS_FAILURE_LIMIT failures whatever the user names.

    AXES_LOCKOUT_PARAMETERS lists the pair first, the address second. An
    address's count is scaled to the pair's limit, so axes' one comparison
    (failures >= AXES_FAILURE_LIMIT) locks each at its own limit.
    """

    def get_failures(self, request: HttpRequest, credentials: dict | None = None) -> int:
        per_user, per_address = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        scaled = per_address * settings.AXES_FAILURE_LIMIT // settings.AXES_ADDRESS_FAILURE_LIMIT
        return max(per_user, scaled)
