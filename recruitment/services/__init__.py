"""Every change in recruitment: one action a person takes, in one transaction.
The actions live in a module per stage of a call; they are all named here."""

from recruitment.services.applications import (
    MissingAnswers,
    application_reopen,
    application_save,
    application_start,
    application_submit,
    application_withdraw,
    missing_answers,
    questions_for,
    withdrawal_keeps_draft,
)
from recruitment.services.calls import (
    CALL_FIELDS,
    call_copy,
    call_create,
    call_update,
    criterion_add,
    question_add,
)
from recruitment.services.decisions import DecisionNotConfirmed, decide
from recruitment.services.evaluation import (
    CriterionScore,
    conflict_declare,
    evaluation_submit,
    evaluators_assign,
    weighted_score,
)

__all__ = [
    "CALL_FIELDS",
    "CriterionScore",
    "DecisionNotConfirmed",
    "MissingAnswers",
    "application_reopen",
    "application_save",
    "application_start",
    "application_submit",
    "application_withdraw",
    "call_copy",
    "call_create",
    "call_update",
    "conflict_declare",
    "criterion_add",
    "decide",
    "evaluation_submit",
    "evaluators_assign",
    "missing_answers",
    "question_add",
    "questions_for",
    "weighted_score",
    "withdrawal_keeps_draft",
]
