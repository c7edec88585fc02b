"""Messages of allauth's pages whose Polish in allauth's own catalogue is wrong
("Wprowadż"): marked here, they join the portal's catalogue (LOCALE_PATHS, read
before allauth's), where their Polish is right. Nothing imports this module;
`make messages` reads it."""

from django.utils.translation import gettext_noop

CORRECTED = (
    gettext_noop("Enter your password:"),  # the reauthentication page
    gettext_noop("Enter Password Reset Code"),
)
