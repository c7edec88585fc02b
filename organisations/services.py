from accounts.models import User
from organisations.models import Membership, Organisation


def membership_grant(
    *, user: User, organisation: Organisation, role: Membership.Role
) -> Membership:
    """Gives a person a role in an organisation (or changes the role they have)."""
    membership, _created = Membership.objects.update_or_create(
        user=user,
        organisation=organisation,
        defaults={"role": role, "is_active": True},
    )
    return membership
