"""Who may see the pages the portal app composes across the apps (the network
workspace asks networks.permissions; the home page and My portal are open).

| role                           | the programme overview (every network of the current edition) |
|--------------------------------|----------------------------------------------------------------|
| ministry admin, ministry staff | yes                                                            |
| anyone else                    | – (404, like a missing page)                                   |
"""

from django.contrib.auth.models import AnonymousUser

from accounts.models import User
from documents.permissions import VIEW_EVERY_DOCUMENT
from networks.permissions import VIEW_WORKSPACE
from partnerships.permissions import SEE_EVERY_CITYS_PEOPLE


def can_see_programme_overview(user: User | AnonymousUser) -> bool:
    """The ministry's roles: they see every network's workspace and documents and
    every Local Partnership's counts, which the overview puts together."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.has_perm(f"networks.{VIEW_WORKSPACE}")
        and user.has_perm(VIEW_EVERY_DOCUMENT)
        and user.has_perm(SEE_EVERY_CITYS_PEOPLE)
    )
