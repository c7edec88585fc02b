"""Who may read the audit log: ministry admins only (a global permission held by
the "ministry:coordinator" group, see organisations/permissions.py)."""

from django.contrib.auth.models import AnonymousUser

from accounts.models import User
from core.permissions import require

VIEW_AUDIT_LOG = "audit.view_auditevent"


def can_view_audit_log(user: User | AnonymousUser) -> bool:
    return user.is_authenticated and user.is_active and user.has_perm(VIEW_AUDIT_LOG)


def access_audit_log(user: User | AnonymousUser) -> None:
    require(can_view_audit_log(user))
