import json
from typing import cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms.models import model_to_dict
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import User
from core.downloads import private_download
from core.errors import DomainError
from core.permissions import require
from networks.models import Network
from organisations.models import Organisation
from partnerships.clauses import ClauseChanged, current_clause
from partnerships.forms import EndForm, JoinForm, MemberForm, PartnershipForm
from partnerships.imports import member_data_csv, member_data_shown
from partnerships.lifecycle import partnership_end
from partnerships.models import JoinRequest, LocalPartnership
from partnerships.permissions import (
    access_member,
    access_partnership,
    can_create,
    can_end_partnership,
    can_manage,
    visible_partnerships,
)
from partnerships.selectors import (
    members_of,
    partnership_summary,
)
from partnerships.services import (
    PARTNERSHIP_FIELDS,
    join_request_decide,
    join_request_submit,
    member_account_give,
    member_consent_withdraw,
    member_erase,
    member_export,
    member_leave,
    members_add,
    partnership_create,
    partnership_update,
)
from partnerships.throttle import join_request_allowed


@login_required
def partnership_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "partnerships/list.html",
        {"partnerships": visible_partnerships(cast(User, request.user))},
    )


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    actor = cast(User, request.user)
    network = get_object_or_404(Network, slug=request.GET.get("siec", ""))
    organisation = get_object_or_404(Organisation, slug=request.GET.get("miasto", ""))
    require(can_create(actor, organisation, network))
    form = PartnershipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            data = {key: form.cleaned_data[key] for key in PARTNERSHIP_FIELDS}
            partnership = partnership_create(
                organisation=organisation, network=network, actor=actor, **data
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Local Partnership created."))
            return redirect(partnership)
    return render(
        request,
        "partnerships/form.html",
        {"form": form, "organisation": organisation, "network": network},
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = access_partnership(request.user, pk, level="manage")
    form = PartnershipForm(
        request.POST or None,
        initial={**model_to_dict(partnership), "version": partnership.version},
    )
    if request.method == "POST" and form.is_valid():
        try:
            partnership_update(
                partnership=partnership,
                expected_version=form.cleaned_data["version"] or 0,
                changes=form.cleaned_data,
                actor=cast(User, request.user),
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Changes saved."))
            return redirect(partnership)
    return render(
        request,
        "partnerships/form.html",
        {
            "form": form,
            "organisation": partnership.organisation,
            "network": partnership.network,
            "partnership": partnership,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def members(request: HttpRequest, pk: int) -> HttpResponse:
    level = "manage" if request.method == "POST" else "personal"
    partnership = access_partnership(request.user, pk, level=level)
    form = MemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            members_add(
                partnership=partnership,
                drafts=[form.draft()],
                actor=cast(User, request.user),
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Member added."))
            return redirect("partnerships:members", pk=partnership.pk)
    return render(
        request,
        "partnerships/members.html",
        {
            "partnership": partnership,
            "members": members_of(partnership),
            "form": form,
            "manage": can_manage(request.user, partnership),
            "clause": current_clause(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def end(request: HttpRequest, pk: int) -> HttpResponse:
    """The city records the day its LP ended (asked first: it cannot be undone,
    and it starts the retention period of the members' personal data)."""
    actor = cast(User, request.user)
    partnership = access_partnership(actor, pk)
    require(can_end_partnership(actor, partnership))
    form = EndForm(request.POST or None)
    if request.method == "POST" and not partnership.is_ended and form.is_valid():
        try:
            partnership_end(
                partnership=partnership,
                ended_on=form.cleaned_data["ended_on"],
                actor=actor,
            )
        except DomainError as error:  # the day is outside the LP's life
            form.add_error("ended_on", error.message)
        else:
            messages.success(request, _("The Local Partnership has ended."))
            return redirect(partnership)
    return render(
        request,
        "partnerships/end.html",
        {
            "partnership": partnership,
            "form": form,
            "open": form.is_bound,
            "retention_days": settings.PARTNERSHIP_RETENTION_DAYS,
            "notice_days": settings.PARTNERSHIP_RETENTION_NOTICE_DAYS,
        },
    )


@login_required
def member(request: HttpRequest, pk: int) -> HttpResponse:
    item = access_member(request.user, pk)
    return render(
        request,
        "partnerships/member.html",
        {"member": item, "manage": can_manage(request.user, item.partnership)},
    )


@login_required
@require_POST
def member_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    actor = cast(User, request.user)
    item = access_member(actor, pk, manage=True)
    partnership = item.partnership
    try:
        if action == "odejscie":
            member_leave(member=item, on=timezone.localdate(), actor=actor)
            messages.success(request, _("The member's departure is recorded."))
            return redirect(item)
        if action == "wycofanie-zgody":
            member_consent_withdraw(member=item, actor=actor)
            messages.success(
                request, _("Consent withdrawn; the member's personal data were erased.")
            )
        elif action == "usuniecie":
            member_erase(member=item, actor=actor)
            messages.success(request, _("The member's personal data were erased."))
        elif action == "konto":
            member_account_give(member=item, actor=actor)
            messages.success(
                request,
                _(
                    "The member has an account for the MID consultations; a link "
                    "to set the password was sent if the account is new."
                ),
            )
            return redirect(item)
        else:
            raise Http404
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(item)
    return redirect("partnerships:members", pk=partnership.pk)


@login_required
@private_download
def member_download(request: HttpRequest, pk: int) -> HttpResponse:
    item = access_member(request.user, pk)
    data = member_export(item)
    if request.GET.get("format") == "csv":
        response = HttpResponse(
            member_data_csv(data), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = (
            f'attachment; filename="czlonek-{item.pk}.csv"'
        )
        return response
    response = HttpResponse(
        json.dumps(member_data_shown(data), ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="czlonek-{item.pk}.json"'
    return response


@login_required
@require_POST
def join_decide(request: HttpRequest, pk: int) -> HttpResponse:
    actor = cast(User, request.user)
    join_request = get_object_or_404(
        JoinRequest.objects.select_related("partnership"), pk=pk
    )
    partnership = access_partnership(actor, join_request.partnership_id, level="manage")
    try:
        accepted = join_request_decide(
            join_request=join_request,
            accept=request.POST.get("decision") == "accept",
            actor=actor,
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Request accepted: the person is a member.")
            if accepted
            else _("Request declined."),
        )
    return redirect(partnership)


@require_http_methods(["GET", "POST"])
def public_page(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = get_object_or_404(
        LocalPartnership.objects.select_related("organisation", "network"),
        pk=pk,
        is_public=True,
    )
    open_to_requests = (
        partnership.formula == LocalPartnership.Formula.OPEN
        and not partnership.is_ended
    )
    clause = current_clause()
    form = (
        JoinForm(request.POST or None, initial={"clause": clause.pk})
        if open_to_requests
        else None
    )
    status = 200
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid() and not join_request_allowed(request, partnership):
            form.add_error(
                None,
                _(
                    "Too many requests to join were sent from here. Please try "
                    "again later or write to the city."
                ),
            )
            status = 429
        if form.is_valid():
            data = {
                key: value
                for key, value in form.cleaned_data.items()
                if key not in ("consent", "clause")
            }
            try:
                join_request_submit(
                    partnership=partnership,
                    clause_shown=form.cleaned_data["clause"] or 0,
                    **data,
                )
            except ClauseChanged as error:
                # The form again, under the version now in force, to be read
                # and agreed to afresh (the consent box is cleared).
                clause = current_clause()
                data = request.POST.copy()
                data["clause"] = str(clause.pk)
                data.pop("consent", None)
                form = JoinForm(data)
                form.is_valid()
                form.add_error(None, error.message)
                status = 409
            except DomainError as error:
                form.add_error(None, error.message)
                status = 429
            else:
                messages.success(
                    request,
                    _(
                        "Thank you! The partnership's coordinator will answer "
                        "by e-mail."
                    ),
                )
                return redirect("partnerships:public", pk=partnership.pk)
    return render(
        request,
        "partnerships/public.html",
        {
            "partnership": partnership,
            "summary": partnership_summary(partnership),
            "form": form,
            "clause": clause,
        },
        status=status,
    )
