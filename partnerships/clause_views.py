"""The versions of the information clause: the ministry's roles read them; the
ministry admin writes a new one, previews it and publishes it."""

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.models import User
from core.errors import DomainError
from core.permissions import require
from partnerships.clauses import (
    CLAUSE_PARTS,
    clause_digest,
    clause_earliest_start,
    clause_publish,
    clause_unsaved,
    current_clause,
)
from partnerships.forms import ClauseForm
from partnerships.models import ConsentClause
from partnerships.permissions import can_publish_clause, can_see_clauses


@login_required
def clauses(request: HttpRequest) -> HttpResponse:
    require(can_see_clauses(request.user))
    in_force = current_clause()
    return render(
        request,
        "partnerships/clauses.html",
        {
            "clauses": ConsentClause.objects.select_related("published_by"),
            "in_force": in_force,
            "may_publish": can_publish_clause(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def clause_create(request: HttpRequest) -> HttpResponse:
    """Write → preview → publish: "Publish" appears once the text is previewed,
    and publishes only the text previewed (a change after it asks to preview)."""
    actor = cast(User, request.user)
    require(can_publish_clause(actor))
    if request.method != "POST":
        in_force = current_clause()
        initial = {part: getattr(in_force, part) for part in CLAUSE_PARTS}
        form = ClauseForm(
            initial={
                **initial,
                "legal_basis": in_force.legal_basis,
                "valid_from": clause_earliest_start(),
            }
        )
        return _page(request, form, preview=None)
    form = ClauseForm(request.POST)
    if not form.is_valid():
        return _page(request, form, preview=None)
    draft = form.draft()
    digest = clause_digest(draft)
    if request.POST.get("step") == "publish":
        if form.cleaned_data["previewed"] == digest:
            try:
                clause = clause_publish(draft=draft, actor=actor)
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request,
                    _("Version %(version)s of the information clause is published.")
                    % {"version": clause.version},
                )
                return redirect("partnerships:clauses")
        else:
            messages.warning(
                request,
                _("The text changed after the preview: check it below and publish."),
            )
    data = request.POST.copy()
    data["previewed"] = digest
    previewed = ClauseForm(data)
    previewed.is_valid()
    for refusal in form.non_field_errors():
        previewed.add_error(None, refusal)
    return _page(request, previewed, preview=clause_unsaved(draft))


def _page(
    request: HttpRequest, form: ClauseForm, *, preview: ConsentClause | None
) -> HttpResponse:
    return render(
        request,
        "partnerships/clause_form.html",
        {"form": form, "preview": preview},
    )
