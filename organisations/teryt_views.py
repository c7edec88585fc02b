"""The ministry's import of the territorial register (organisations/teryt.py):
upload → preview (new, changed, unchanged, the rows that cannot be imported, each
with its reason) → confirm."""

from typing import cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from accounts.models import User
from core.errors import DomainError
from core.forms import PortalForm
from core.permissions import require
from core.requests import client_ip
from organisations.permissions import can_manage_organisations
from organisations.teryt import (
    checked_again,
    differences_shown,
    parse_register,
    register_import,
    register_plan,
)

SESSION_KEY = "teryt-import"
SHOWN = 100  # new and changed gminas listed in the preview (the rest counted)


class RegisterForm(PortalForm):
    file = forms.FileField(
        label=gettext_lazy("TERC file from GUS (CSV)"),
        # The header and the limit (teryt.GUS_HEADER, teryt.MAX_BYTES) are written
        # out: a lazy text formatted here would be translated once, at import.
        help_text=gettext_lazy(
            "The list of territorial units as GUS publishes it in the TERYT "
            "register (TERC, the official version, CSV): columns separated by "
            "semicolons, the first row WOJ;POW;GMI;RODZ;NAZWA;NAZWA_DOD;STAN_NA, "
            "at most 2 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )


@login_required
@require_http_methods(["GET", "POST"])
def teryt_import(request: HttpRequest) -> HttpResponse:
    """Upload → preview → confirm. Only the gminas of rows without errors are kept
    between the two steps (in the session), and they are checked again."""
    actor = cast(User, request.user)
    require(can_manage_organisations(actor))
    if request.method == "POST" and request.POST.get("step") == "confirm":
        return _confirm(request, actor)
    form = RegisterForm(request.POST or None, request.FILES or None)
    context: dict[str, object] = {"form": form, "register": None}
    if request.method == "POST" and form.is_valid():
        try:
            register = parse_register(form.cleaned_data["file"])
        except ValidationError as error:
            form.add_error("file", error)
        else:
            plan = register_plan([row.gmina for row in register.valid if row.gmina])
            request.session[SESSION_KEY] = {
                "rows": [
                    {"number": row.number, "cells": row.cells} for row in register.valid
                ],
                "errors": len(register.invalid),
                "not_gminas": register.not_gminas,
            }
            context |= {
                "register": register,
                "plan": plan,
                "new": plan.new[:SHOWN],
                "changed": [
                    (change, differences_shown(change))
                    for change in plan.changed[:SHOWN]
                ],
                "to_import": len(plan.new) + len(plan.changed),
            }
    return render(request, "organisations/teryt_import.html", context)


def _confirm(request: HttpRequest, actor: User) -> HttpResponse:
    stored = request.session.pop(SESSION_KEY, None)
    if not isinstance(stored, dict):  # sent twice, or the session ended
        messages.error(request, _("Nothing to import: choose the file again."))
        return redirect("organisations:teryt_import")
    try:
        plan = register_import(
            gminas=checked_again(stored.get("rows") or []),
            errors=int(stored.get("errors") or 0),
            not_gminas=int(stored.get("not_gminas") or 0),
            actor=actor,
            ip_address=client_ip(request),
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _(
                "Register imported: %(new)s gminas added, %(changed)s changed, "
                "%(unchanged)s unchanged."
            )
            % {
                "new": len(plan.new),
                "changed": len(plan.changed),
                "unchanged": plan.unchanged,
            },
        )
    return redirect("organisations:teryt_import")
