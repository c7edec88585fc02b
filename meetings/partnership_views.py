"""The page of a Local Partnership: its members and activities (partnerships)
with the attendance of its meetings (here), so it is served from above both.
Its URLs keep their place in the partnerships namespace (pim_portal/urls.py)."""

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import User
from meetings.charts import attendance_chart
from meetings.selectors import participation_record
from partnerships.forms import ActivityForm
from partnerships.models import LocalPartnership
from partnerships.permissions import (
    access_partnership,
    can_manage,
    can_see_personal_data,
)
from partnerships.selectors import pending_join_requests
from partnerships.services import activity_add


def _detail(
    request: HttpRequest, partnership: LocalPartnership, activity_form: ActivityForm
) -> HttpResponse:
    summary = participation_record(partnership, viewer=request.user)
    personal = can_see_personal_data(request.user, partnership)
    return render(
        request,
        "partnerships/detail.html",
        {
            "partnership": partnership,
            "summary": summary,
            "chart": attendance_chart(summary),
            "personal": personal,
            "manage": can_manage(request.user, partnership),
            "join_requests": pending_join_requests(partnership) if personal else [],
            "activity_form": activity_form,
        },
    )


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = access_partnership(request.user, pk)
    return _detail(request, partnership, ActivityForm())


@login_required
@require_POST
def activity(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = access_partnership(request.user, pk, level="manage")
    form = ActivityForm(request.POST)
    if form.is_valid():
        activity_add(
            partnership=partnership, actor=cast(User, request.user), **form.cleaned_data
        )
        messages.success(request, _("Activity recorded."))
        return redirect(partnership)
    return _detail(request, partnership, form)
