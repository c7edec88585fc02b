"""How the apps above partnerships take part in an LP member's data rights.

Other apps keep personal data about LP members too (meetings keeps attendance
lists), and they sit above partnerships in the stack: partnerships cannot reach
their tables, so it asks them. Each app owns what it keeps, answers in its own
code and connects its receivers in its `AppConfig.ready()`.
"""

from django.dispatch import Signal

# Sent by `partnerships.services.member_erase` inside the erasure's transaction,
# with `member` (locked, not yet erased) and `actor`: each receiver removes the
# member's personal data it keeps, found by its link to the member and never by
# name. A receiver that fails undoes the whole erasure.
member_erasing = Signal()

# Sent by `partnerships.services.member_export` with `member`: each receiver
# answers a dict of what it keeps about the member (the right of access); the
# answers are added to the export.
member_data_requested = Signal()
