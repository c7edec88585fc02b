from django import template
from django.contrib.auth.models import AnonymousUser

from accounts.models import User
from pdfs.permissions import can_see_failure_details

register = template.Library()


@register.filter
def sees_failure_details(user: User | AnonymousUser) -> bool:
    """`{% if user|sees_failure_details %}`: the technical reason of a failed PDF
    or ZIP is shown to this person (pdfs.permissions)."""
    return can_see_failure_details(user)
