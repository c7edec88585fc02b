"""`{% call_rules call as rules %}`: who may apply to a call and what a network is
made of, in words (recruitment/eligibility.py)."""

from django import template

from recruitment.eligibility import CallRules
from recruitment.eligibility import call_rules as rules_of
from recruitment.models import Call

register = template.Library()


@register.simple_tag
def call_rules(call: Call) -> CallRules:
    return rules_of(call)
