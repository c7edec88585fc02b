from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Page
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import User
from core.downloads import no_store, private_download, stored_file_response
from core.errors import DomainError
from core.listing import filters_key, page_of
from core.page_cache import PARTS_TTL, cached_count, fingerprint, generations
from core.permissions import require
from meetings.filters import MeetingFilter
from meetings.forms import (
    AgendaFormSet,
    AttachmentForm,
    MeetingForm,
    MinutesForm,
    WalkInForm,
    agenda_from,
)
from meetings.ics import meetings_calendar
from meetings.models import CalendarToken, Meeting
from meetings.permissions import (
    access_meeting,
    audience_of,
    can_organise,
    can_schedule,
    is_participant,
    visible_meetings,
)
from meetings.selectors import (
    MEETINGS,
    lp_members_for,
    meeting_page,
    meetings_for_feed,
    meetings_for_listing,
)
from meetings.services import (
    attachment_add,
    attendance_add_person,
    attendance_set_accounts,
    calendar_token_of,
    calendar_token_rotate,
    meeting_create,
    meeting_update,
    minutes_approve,
    minutes_save,
    registration_cancel,
    registration_create,
)
from networks.models import Edition, Network
from networks.permissions import can_view_workspace
from networks.selectors import (
    current_edition,
    current_member_organisations,
    lead_organisation_id,
    networks_of_user,
    public_pages_key,
)
from organisations.models import Organisation


def calendar(request: HttpRequest) -> HttpResponse:
    visible = visible_meetings(request.user)
    meetings = meetings_for_listing(visible).order_by("starts_at")
    filterset = MeetingFilter(request.GET, queryset=meetings)
    # None for a city typed in, or invalid filters: neither the filter form nor the
    # count is then kept (there is no end to what may be typed).
    filter_key = filters_key(filterset, free_text=["city"])
    count = None
    if filter_key is not None:
        # Kept until a meeting is scheduled or changed, under what the query stands
        # for, never its SQL (whose parameters hold the moment of the request): the
        # validated filters, who is looking and, for a filter that depends on the
        # clock, the minute it is computed for.
        count = cached_count(
            seen_as=(
                "meetings:count",
                filter_key,
                audience_of(request.user, visible),
                filterset.moment(),
                generations(MEETINGS),
            ),
            count=filterset.qs.count,
        )
    page = page_of(request, filterset.qs, count=count)
    may_schedule_joint = can_schedule(
        request.user, kind=Meeting.Kind.JOINT, network=None, host=None
    )
    return render(
        request,
        "meetings/calendar.html",
        {
            "filter": filterset,
            "page": page,
            # The edition a joint meeting would be scheduled in, for the ministry.
            "joint_edition": current_edition() if may_schedule_joint else None,
            "table_key": calendar_table_key(page),
            "filter_key": filter_key,
            "public_key": public_pages_key(),
            "parts_ttl": PARTS_TTL,
        },
    )


def calendar_table_key(page: Page) -> str:
    """The calendar table is kept under what its rows show, as read for the page
    (and the count in its caption): it is never stale."""
    return fingerprint(
        page.paginator.count,
        [
            (
                meeting.pk,
                meeting.title,
                meeting.starts_at,
                meeting.kind,
                meeting.mode,
                meeting.network.name if meeting.network else None,
                meeting.edition.name,
                meeting.host.name,
            )
            for meeting in page.object_list
        ],
    )


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_page(access_meeting(request.user, pk))
    participant = is_participant(request.user, meeting)
    registered = request.user.is_authenticated and any(
        registration.user_id == request.user.pk
        for registration in meeting.registrations.all()
    )
    return render(
        request,
        "meetings/detail.html",
        {
            "meeting": meeting,
            "participant": participant,
            "organiser": can_organise(request.user, meeting),
            "registered": registered,
        },
    )


def _new_meeting_scope(
    request: HttpRequest,
) -> tuple[str, Edition, Network | None, QuerySet[Organisation]]:
    """What is being scheduled, from the query string: kind, edition, network and
    the organisations that may host it. 404 when the user may not schedule it."""
    kind = request.GET.get("rodzaj", Meeting.Kind.NETWORK)
    network = None
    if kind == Meeting.Kind.JOINT:
        edition = get_object_or_404(Edition, slug=request.GET.get("edycja", ""))
        hosts = Organisation.objects.filter(kind=Organisation.Kind.MINISTRY)
    elif kind in (Meeting.Kind.NETWORK, Meeting.Kind.LOCAL_PARTNERSHIP):
        network = get_object_or_404(Network, slug=request.GET.get("siec", ""))
        edition = network.edition
        hosts = current_member_organisations(network_id=network.pk)
        if kind == Meeting.Kind.LOCAL_PARTNERSHIP:
            host = get_object_or_404(hosts, slug=request.GET.get("gospodarz", ""))
            hosts = hosts.filter(pk=host.pk)
    else:
        raise Http404
    lp_host = hosts.first() if kind == Meeting.Kind.LOCAL_PARTNERSHIP else None
    require(can_schedule(request.user, kind=kind, network=network, host=lp_host))
    return kind, edition, network, hosts


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    actor = cast(User, request.user)
    kind, edition, network, hosts = _new_meeting_scope(request)
    # A network's meeting is hosted by its lead city unless someone else is chosen.
    lead = lead_organisation_id(network_id=network.pk) if network else None
    form = MeetingForm(request.POST or None, hosts=hosts, initial={"host": lead})
    agenda = AgendaFormSet(request.POST or None, prefix="agenda")
    if request.method == "POST" and form.is_valid() and agenda.is_valid():
        try:
            meeting = meeting_create(
                kind=kind,
                edition_id=edition.pk,
                network_id=network.pk if network else None,
                draft=form.draft(agenda_from(agenda)),
                actor=actor,
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Meeting scheduled."))
            return redirect(meeting)
    return render(
        request,
        "meetings/form.html",
        {
            "form": form,
            "agenda": agenda,
            "kind": Meeting.Kind(kind),
            "network": network,
            "edition": edition,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    actor = cast(User, request.user)
    meeting = access_meeting(actor, pk, organise=True)
    hosts = Organisation.objects.filter(pk=meeting.host_id)
    if meeting.network_id and meeting.kind == Meeting.Kind.NETWORK:
        hosts = current_member_organisations(network_id=meeting.network_id)
    form = MeetingForm(
        request.POST or None,
        instance=meeting,
        hosts=hosts,
        initial={"version": meeting.version},
    )
    initial_agenda = [
        {
            "title": item.title,
            "duration_minutes": item.duration_minutes,
            "presenter": item.presenter,
        }
        for item in meeting.agenda_items.all()
    ]
    agenda = AgendaFormSet(
        request.POST or None, prefix="agenda", initial=initial_agenda
    )
    if request.method == "POST" and form.is_valid() and agenda.is_valid():
        try:
            meeting_update(
                meeting=meeting,
                expected_version=form.cleaned_data["version"] or 0,
                draft=form.draft(agenda_from(agenda)),
                actor=actor,
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Meeting updated."))
            return redirect(meeting)
    return render(
        request,
        "meetings/form.html",
        {
            "form": form,
            "agenda": agenda,
            "kind": Meeting.Kind(meeting.kind),
            "network": meeting.network,
            "edition": meeting.edition,
            "meeting": meeting,
        },
    )


@login_required
@require_POST
def registration(request: HttpRequest, pk: int) -> HttpResponse:
    user = cast(User, request.user)
    meeting = access_meeting(user, pk)
    try:
        if request.POST.get("action") == "cancel":
            registration_cancel(meeting=meeting, user=user)
            messages.success(request, _("Your registration was cancelled."))
        else:
            registration_create(meeting=meeting, user=user)
            messages.success(
                request, _("You are registered. A confirmation e-mail is on its way.")
            )
    except DomainError as error:
        messages.error(request, error.message)
    return redirect(meeting)


@login_required
@require_http_methods(["GET", "POST"])
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    actor = cast(User, request.user)
    meeting = meeting_page(access_meeting(actor, pk, organise=True))
    walk_in = WalkInForm(
        request.POST if "name" in request.POST else None,
        members=lp_members_for(meeting),
    )
    if request.method == "POST":
        try:
            if "name" in request.POST:
                if walk_in.is_valid():
                    attendance_add_person(
                        meeting=meeting, actor=actor, **walk_in.cleaned_data
                    )
                    messages.success(request, _("Person added to the attendance list."))
                    return redirect("meetings:attendance", pk=meeting.pk)
            else:
                present = {
                    int(value)
                    for value in request.POST.getlist("present")
                    if value.isdecimal() and value.isascii()
                }
                attendance_set_accounts(meeting=meeting, present=present, actor=actor)
                messages.success(request, _("Attendance saved."))
                return redirect("meetings:attendance", pk=meeting.pk)
        except DomainError as error:
            messages.error(request, error.message)
    present = {row.user_id for row in meeting.attendance.all() if row.user_id}
    return render(
        request,
        "meetings/attendance.html",
        {"meeting": meeting, "present": present, "walk_in": walk_in},
    )


@login_required
@require_http_methods(["GET", "POST"])
def minutes(request: HttpRequest, pk: int) -> HttpResponse:
    actor = cast(User, request.user)
    meeting = access_meeting(actor, pk, organise=True)
    form = MinutesForm(
        request.POST or None,
        initial={"minutes": meeting.minutes, "version": meeting.version},
    )
    if request.method == "POST":
        try:
            if request.POST.get("action") == "approve":
                version = request.POST.get("version", "")
                minutes_approve(
                    meeting=meeting,
                    expected_version=int(version) if version.isdecimal() else -1,
                    actor=actor,
                )
                messages.success(request, _("Minutes approved."))
                return redirect(meeting)
            if form.is_valid():
                minutes_save(
                    meeting=meeting,
                    text=form.cleaned_data["minutes"],
                    expected_version=form.cleaned_data["version"],
                    actor=actor,
                )
                messages.success(request, _("Draft minutes saved."))
                return redirect("meetings:minutes", pk=meeting.pk)
        except DomainError as error:
            form.add_error(None, error.message)
    return render(request, "meetings/minutes.html", {"meeting": meeting, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def attachments(request: HttpRequest, pk: int) -> HttpResponse:
    actor = cast(User, request.user)
    meeting = access_meeting(actor, pk, organise=True)
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        attachment_add(
            meeting=meeting,
            title=form.cleaned_data["title"],
            upload=form.cleaned_data["file"],
            content_type=form.kind.mime,
            actor=actor,
        )
        messages.success(request, _("File attached."))
        return redirect(meeting)
    return render(
        request, "meetings/attachments.html", {"meeting": meeting, "form": form}
    )


@login_required
@private_download
def attachment_download(
    request: HttpRequest, pk: int, attachment_pk: int
) -> FileResponse:
    meeting = access_meeting(request.user, pk)
    require(is_participant(request.user, meeting))
    attachment = get_object_or_404(meeting.attachments, pk=attachment_pk)
    return stored_file_response(
        attachment.file,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )


def _ics(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def meeting_ics(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = access_meeting(request.user, pk)
    queryset = meetings_for_feed(Meeting.objects.filter(pk=meeting.pk))
    response = _ics(
        meetings_calendar(queryset, name=meeting.title, viewer=request.user),
        f"spotkanie-{pk}.ics",
    )
    # A public meeting's announcement, as anyone gets it, is public; a private
    # meeting's, or one with the online link a participant is given, is not.
    if meeting.is_public and not request.user.is_authenticated:
        return response
    return no_store(response)


def _token_owner(token: str) -> User:
    owner = CalendarToken.objects.select_related("user").filter(token=token).first()
    if owner is None or not owner.user.is_active:
        raise Http404
    return owner.user


@private_download
def user_feed(request: HttpRequest, token: str) -> HttpResponse:
    user = _token_owner(token)
    queryset = meetings_for_feed(visible_meetings(user))
    return _ics(
        meetings_calendar(queryset, name=_("PIM meetings"), viewer=user), "pim.ics"
    )


@private_download
def network_feed(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    user = _token_owner(token)
    network = get_object_or_404(Network, slug=slug)
    require(can_view_workspace(user, network))
    queryset = meetings_for_feed(visible_meetings(user).filter(network=network))
    return _ics(
        meetings_calendar(queryset, name=network.name, viewer=user), f"{slug}.ics"
    )


def public_network_feed(request: HttpRequest, slug: str) -> HttpResponse:
    network = get_object_or_404(Network, slug=slug)
    queryset = meetings_for_feed(
        Meeting.objects.filter(network=network, is_public=True)
    )
    return _ics(
        meetings_calendar(queryset, name=network.name, viewer=None), f"{slug}.ics"
    )


@login_required
@require_http_methods(["GET", "POST"])
def subscriptions(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    if request.method == "POST":
        calendar_token_rotate(user=user)
        messages.success(request, _("New links issued. The old links no longer work."))
        return redirect("meetings:subscriptions")
    return render(
        request,
        "meetings/subscriptions.html",
        {
            "token": calendar_token_of(user=user).token,
            "networks": networks_of_user(user=user),
        },
    )
