"""The evaluators' pages: the applications assigned to them, scoring one, and
stepping aside for a conflict of interest."""

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import User
from core.errors import DomainError
from recruitment import selectors, services
from recruitment.forms import ConflictForm, ScoreForm
from recruitment.models import Assignment, Score


def _actor(request: HttpRequest) -> User:
    return cast(User, request.user)


@login_required
def evaluations(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "recruitment/evaluations.html",
        {"assignments": selectors.my_assignments(_actor(request).pk)},
    )


def _assignment(request: HttpRequest, pk: int) -> Assignment:
    return get_object_or_404(
        Assignment.objects.select_related(
            "application__call",
            "application__organisation",
            "application__theme__theme",
        ),
        pk=pk,
        evaluator_id=request.user.pk,
    )


@login_required
@require_http_methods(["GET", "POST"])
def evaluate(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = _assignment(request, pk)
    criteria_list = list(assignment.application.call.criteria.all())
    form = ScoreForm(request.POST or None, criteria=criteria_list)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.evaluation_submit(
                assignment=assignment,
                scores=[
                    services.CriterionScore(
                        c, data[f"c{c.pk}"], data[f"c{c.pk}_comment"]
                    )
                    for c in criteria_list
                ],
                recommendation=data["recommendation"],
                comment=data["comment"],
                actor=_actor(request),
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your evaluation is submitted."))
            return redirect(assignment.application)
    return render(
        request,
        "recruitment/evaluate.html",
        {
            "assignment": assignment,
            "application": assignment.application,
            "form": form,
            "conflict_form": ConflictForm(),
            "own_scores": Score.objects.filter(assignment=assignment).select_related(
                "criterion"
            ),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def conflict(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = _assignment(request, pk)
    form = ConflictForm(request.POST)
    if form.is_valid():
        try:
            services.conflict_declare(
                assignment=assignment,
                note=form.cleaned_data["note"],
                actor=_actor(request),
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("Conflict of interest declared; you will not score it.")
            )
    else:
        messages.error(request, _("Say why you step aside."))
    return redirect("recruitment:evaluations")
