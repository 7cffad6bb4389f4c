"""Who reads the statistics: statistics viewers and office admins (management, team leads).

Statistics hold no personal data, so they need no second factor (`personal_data=False`); a
statistics viewer of several offices sees them together ("all offices of the region").
"""

from lotse.core import policy
from lotse.core.models import Role

READERS = frozenset({Role.STATISTICS_VIEWER, Role.OFFICE_ADMIN})

policy.register("reports.statistics.view", policy.Rule(READERS, personal_data=False))
#: Funder templates and the small-numbers threshold of the office's public exports.
policy.register("reports.settings.manage", policy.Rule(frozenset({Role.OFFICE_ADMIN})))
