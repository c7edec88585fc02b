from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import User
from core.downloads import private_download, stored_file_response
from core.errors import DomainError
from core.permissions import refused_as_missing, require
from core.requests import client_ip
from networks.models import Edition
from recruitment import exports, permissions, selectors, services
from recruitment.charts import bar_chart
from recruitment.forms import (
    AnswersForm,
    ApplyForm,
    AssignForm,
    CallForm,
    CopyForm,
    CriterionForm,
    DecisionForm,
    QuestionForm,
    ReopenForm,
)
from recruitment.models import Answer, Application, Assignment, Call


def _actor(request: HttpRequest) -> User:
    return cast(User, request.user)


# ---------------------------------------------------------------- calls


def calls(request: HttpRequest) -> HttpResponse:
    listed = Call.objects.select_related("edition").order_by("-opens_at")
    if not permissions.can_manage(request.user):
        listed = listed.filter(is_published=True)
    return render(
        request,
        "recruitment/calls.html",
        {"calls": listed, "manage": permissions.can_manage(request.user)},
    )


def call(request: HttpRequest, slug: str) -> HttpResponse:
    item = permissions.access_call(request.user, slug)
    user = request.user
    apply_form = None
    if (
        user.is_authenticated
        and permissions.applying_organisations(cast(User, user)).exists()
    ):
        apply_form = ApplyForm(call=item, user=cast(User, user))
    return render(
        request,
        "recruitment/call.html",
        {
            "call": item,
            "themes": item.themes.select_related("theme", "network"),
            "questions": item.questions.all(),
            "criteria": item.criteria.all(),
            "manage": permissions.can_manage(user),
            "apply_form": apply_form,
            "editions": Edition.objects.order_by("-starts_on"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def call_edit(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    require(permissions.can_manage(request.user))
    item = permissions.access_call(request.user, slug, manage=True) if slug else None
    initial = {"themes": [t.theme_id for t in item.themes.all()]} if item else {}
    form = CallForm(request.POST or None, instance=item, initial=initial)
    if request.method == "POST" and form.is_valid():
        values = form.cleaned_data
        try:
            if item is None:
                item = services.call_create(
                    edition=values["edition"],
                    values=values,
                    themes=list(values["themes"]),
                    actor=_actor(request),
                )
            else:
                services.call_update(
                    call=item,
                    values=values,
                    themes=list(values["themes"]),
                    actor=_actor(request),
                )
        except DomainError as error:
            form.add_error("themes", error.message)
        else:
            messages.success(request, _("The call is saved."))
            return redirect(item)
    return render(
        request,
        "recruitment/call_form.html",
        {"form": form, "call": item},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def call_copy(request: HttpRequest, slug: str) -> HttpResponse:
    item = permissions.access_call(request.user, slug, manage=True)
    form = CopyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the edition for the copy."))
        return redirect(item)
    copy = services.call_copy(
        call=item, edition=form.cleaned_data["edition"], actor=_actor(request)
    )
    messages.success(request, _("Copied: check the dates, then publish the call."))
    return redirect("recruitment:call_edit", copy.slug)


def _parts(
    request: HttpRequest, slug: str, form_class: type, add: object, template: str
) -> HttpResponse:
    item = permissions.access_call(request.user, slug, manage=True)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            add(call=item, values=form.cleaned_data, actor=_actor(request))  # type: ignore[operator]
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Added."))
            return redirect(request.path)
    return render(
        request,
        template,
        {
            "call": item,
            "form": form,
            "questions": item.questions.all(),
            "criteria": item.criteria.all(),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def questions(request: HttpRequest, slug: str) -> HttpResponse:
    return _parts(
        request, slug, QuestionForm, services.question_add, "recruitment/questions.html"
    )


@login_required
@require_http_methods(["GET", "POST"])
def criteria(request: HttpRequest, slug: str) -> HttpResponse:
    return _parts(
        request,
        slug,
        CriterionForm,
        services.criterion_add,
        "recruitment/criteria.html",
    )


@login_required
@require_http_methods(["GET", "POST"])
def applications(request: HttpRequest, slug: str) -> HttpResponse:
    """The ministry's list of a call's applications, and evaluator assignment."""
    item = permissions.access_call(request.user, slug, manage=True)
    form = AssignForm(request.POST or None, call=item)
    if request.method == "POST" and form.is_valid():
        chosen = selectors.submitted(item).filter(theme=form.cleaned_data["theme"])
        if form.cleaned_data["track"]:
            chosen = chosen.filter(track=form.cleaned_data["track"])
        try:
            count = services.evaluators_assign(
                applications=list(chosen),
                evaluator=form.cleaned_data["evaluator"],
                actor=_actor(request),
            )
        except DomainError as error:
            form.add_error("evaluator", error.message)
            return _applications_page(request, item, form)
        messages.success(
            request,
            ngettext(
                "%(count)s application assigned.",
                "%(count)s applications assigned.",
                count,
            )
            % {"count": count},
        )
        return redirect(request.path)
    return _applications_page(request, item, form)


def _applications_page(
    request: HttpRequest, item: Call, form: AssignForm
) -> HttpResponse:
    return render(
        request,
        "recruitment/applications.html",
        {"call": item, "applications": selectors.applications_of(item), "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def ranking(request: HttpRequest, slug: str) -> HttpResponse:
    item = permissions.access_call(request.user, slug, manage=True)
    ranked = selectors.ranking(item, viewer=request.user)
    return render(
        request,
        "recruitment/ranking.html",
        {
            "call": item,
            "ranking": ranked,
            "proposals": selectors.composition(item, ranked),
            "decision_form": DecisionForm(),
        },
    )


@login_required
def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    item = permissions.access_call(request.user, slug, manage=True)
    board = selectors.dashboard(item)
    return render(
        request,
        "recruitment/dashboard.html",
        {
            "call": item,
            "board": board,
            "charts": [
                (
                    "themes",
                    _("Submitted applications by theme"),
                    bar_chart([(name, sent) for name, sent, _drafts in board.by_theme]),
                ),
                (
                    "regions",
                    _("Applications by voivodeship"),
                    bar_chart(board.by_voivodeship),
                ),
                (
                    "kinds",
                    _("Applications by kind of organisation"),
                    bar_chart(board.by_kind),
                ),
            ],
        },
    )


@login_required
@private_download
def export(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    item = permissions.access_call(request.user, slug, manage=True)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    rows = exports.application_rows(item, viewer=_actor(request))
    if fmt == "csv":
        response = HttpResponse(
            exports.as_csv(rows), content_type="text/csv; charset=utf-8"
        )
    else:
        response = HttpResponse(
            exports.as_xlsx(rows),
            content_type=(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            ),
        )
    response["Content-Disposition"] = f'attachment; filename="{item.slug}.{fmt}"'
    return response


# ---------------------------------------------------------------- applications


@login_required
@require_POST
@refused_as_missing
def apply(request: HttpRequest, slug: str) -> HttpResponse:
    item = permissions.access_call(request.user, slug)
    form = ApplyForm(request.POST, call=item, user=_actor(request))
    if not form.is_valid():
        raise Http404  # only the city's coordinators get the form at all
    try:
        application = services.application_start(
            call=item,
            organisation=form.cleaned_data["organisation"],
            theme=form.cleaned_data["theme"],
            track=form.cleaned_data["track"],
            actor=_actor(request),
        )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(item)
    return redirect(application)


def _application_page(
    request: HttpRequest,
    application: Application,
    form: AnswersForm | None = None,
    status: int = 200,
    *,
    decision_form: DecisionForm | None = None,
) -> HttpResponse:
    user = request.user
    may_edit = permissions.can_apply(user, application.organisation) and (
        application.status == Application.Status.DRAFT
    )
    answers = {a.question_id: a for a in application.answers.all()}
    questions = services.questions_for(application)
    if form is None and may_edit:
        form = AnswersForm(
            questions=questions,
            answers=answers,
            initial={"version": application.version},
        )
    assignment = permissions.assignment_of(user, application)
    scores = []
    if permissions.can_see_scores(user, application):
        scores = list(
            selectors.with_evaluations_counted(
                Assignment.objects.filter(
                    application=application, submitted_at__isnull=False
                )
            )
            .select_related("evaluator")
            .prefetch_related("scores__criterion")
        )
    gaps: list[selectors.Gap] = []
    if (
        permissions.can_manage(user)
        and application.status == Application.Status.SUBMITTED
        and application.decision != Application.Decision.ACCEPTED
    ):
        gaps = selectors.decision_gaps(application, viewer=cast(User, user))
    # The decision confirms what this page names, never what an earlier one did.
    confirmed = " ".join(gap.code for gap in gaps)
    if decision_form is None:
        decision_form = DecisionForm(initial={"confirmed": confirmed})
    else:
        data = cast(QueryDict, decision_form.data).copy()
        data["confirmed"] = confirmed
        decision_form.data = data
    return render(
        request,
        "recruitment/application.html",
        {
            "application": application,
            "call": application.call,
            "questions": [(q, answers.get(q.pk)) for q in questions],
            "form": form,
            "may_edit": may_edit,
            "may_submit": permissions.can_apply(user, application.organisation),
            "manage": permissions.can_manage(user),
            "scores": scores,
            "assignment": assignment,
            "decision_form": decision_form,
            "decision_gaps": [gap.text for gap in gaps],
            "reopen_form": ReopenForm(),
            "withdrawal_keeps_draft": services.withdrawal_keeps_draft(application),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def application(request: HttpRequest, pk: int) -> HttpResponse:
    item = permissions.access_application(request.user, pk)
    if request.method == "GET":
        return _application_page(request, item)
    require(permissions.can_apply(request.user, item.organisation))
    form = _answers_form(request, item, request.POST)
    if not form.is_valid():
        return _application_page(request, item, form, status=400)
    try:
        item = services.application_save(
            application=item,
            expected_version=form.cleaned_data["version"],
            answers=form.answers(),
            actor=_actor(request),
        )
    except DomainError as error:
        form.add_error(None, error.message)
        return _application_page(request, item, form, status=400)
    if request.POST.get("action") != "submit":
        messages.success(request, _("The application is saved."))
        return redirect(item)
    try:
        services.application_submit(application=item, actor=_actor(request))
    except DomainError as error:
        # The answers are saved: the page shows them again at the saved version,
        # with what is missing named next to its field.
        saved = request.POST.copy()
        saved["version"] = str(item.version)
        form = _answers_form(request, item, saved)
        form.is_valid()
        if isinstance(error, services.MissingAnswers):
            form.add_error(
                None, _("Your answers are saved in the draft; it is not submitted yet.")
            )
            form.name_missing(error.questions)
        else:
            form.add_error(None, error.message)
        return _application_page(request, item, form, status=400)
    messages.success(request, _("The application is submitted."))
    return redirect(item)


def _answers_form(
    request: HttpRequest, application: Application, data: QueryDict
) -> AnswersForm:
    return AnswersForm(
        data,
        request.FILES,
        questions=services.questions_for(application),
        answers={a.question_id: a for a in application.answers.all()},
    )


@login_required
@require_POST
@refused_as_missing
def application_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    item = permissions.access_application(request.user, pk)
    if action != "wycofaj":  # submitting goes with the answers (application)
        raise Http404
    try:
        services.application_withdraw(application=item, actor=_actor(request))
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The application is withdrawn."))
    return redirect(item)


@login_required
@require_POST
def reopen(request: HttpRequest, pk: int) -> HttpResponse:
    require(permissions.can_manage(request.user))
    item = permissions.access_application(request.user, pk)
    form = ReopenForm(request.POST)
    if form.is_valid():
        try:
            services.application_reopen(
                application=item,
                until=form.cleaned_data["until"],
                actor=_actor(request),
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The city may complete the application."))
    else:
        messages.error(request, _("Give the date and time until when."))
    return redirect(item)


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    require(permissions.can_manage(request.user))
    item = permissions.access_application(request.user, pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.decide(
                application=item,
                decision=form.cleaned_data["decision"],
                justification=form.cleaned_data["justification"],
                actor=_actor(request),
                confirmed=form.confirmed_gaps(),
                ip_address=client_ip(request),
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The decision is recorded and the city told."))
            return redirect(item)
    # What was typed comes back, with what is missing named again.
    return _application_page(request, item, decision_form=form, status=400)


@login_required
@private_download
def answer_file(request: HttpRequest, pk: int, answer_pk: int) -> FileResponse:
    item = permissions.access_application(request.user, pk)
    answer = get_object_or_404(Answer, pk=answer_pk, application=item)
    if not answer.file:
        raise Http404
    return stored_file_response(
        answer.file,
        filename=answer.file_name or "zalacznik",
        content_type="application/octet-stream",
    )


@login_required
def my_applications(request: HttpRequest) -> HttpResponse:
    user = _actor(request)
    listed = (
        Application.objects.filter(
            organisation__memberships__user=user,
            organisation__memberships__is_active=True,
        )
        .select_related("call", "organisation", "theme__theme")
        .order_by("-call__opens_at", "organisation__name")
        .distinct()
    )
    return render(request, "recruitment/my_applications.html", {"applications": listed})
