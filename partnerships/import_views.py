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
from core.downloads import private_download
from core.errors import DomainError
from core.forms import PortalForm
from partnerships.forms import MemberForm
from partnerships.imports import export_rows, parse_members
from partnerships.permissions import access_partnership
from partnerships.selectors import members_of
from partnerships.services import members_add


class ImportForm(PortalForm):
    file = forms.FileField(
        label=gettext_lazy("File with members (CSV or XLSX)"),
        help_text=gettext_lazy(
            "First row: the column names, as in the member list you can download "
            "— name, kind, organisation, sector, role, e-mail address, phone, "
            "joined on (YYYY-MM-DD) — and consent (yes/no). Kinds, sectors and "
            "roles as the portal names them."
        ),
    )


def _session_key(pk: int) -> str:
    return f"partnership-import-{pk}"


@login_required
@require_http_methods(["GET", "POST"])
def import_members(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload → preview with per-row errors → confirm: only valid rows are added."""
    partnership = access_partnership(request.user, pk, level="manage")
    key = _session_key(partnership.pk)
    if request.method == "POST" and request.POST.get("step") == "confirm":
        stored = request.session.pop(key, [])
        drafts = []
        for data in stored:
            row_form = MemberForm(data)
            if row_form.is_valid():  # checked again: nothing unchecked gets in
                drafts.append(row_form.draft())
        try:
            members_add(
                partnership=partnership, drafts=drafts, actor=cast(User, request.user)
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("%(count)s members imported.") % {"count": len(drafts)}
            )
        return redirect("partnerships:members", pk=partnership.pk)
    form = ImportForm(request.POST or None, request.FILES or None)
    rows = None
    if request.method == "POST" and form.is_valid():
        try:
            rows = parse_members(form.cleaned_data["file"])
        except ValidationError as error:
            form.add_error("file", error)
        else:
            request.session[key] = [row.data for row in rows if not row.errors]
    return render(
        request,
        "partnerships/import.html",
        {
            "partnership": partnership,
            "form": form,
            "rows": rows,
            "valid_count": sum(1 for row in rows or [] if not row.errors),
        },
    )


@login_required
@private_download
def export_members(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = access_partnership(request.user, pk, level="personal")
    response = HttpResponse(
        export_rows(list(members_of(partnership))),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="lp-{partnership.pk}.csv"'
    return response
