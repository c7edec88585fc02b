"""templates/_field.html: help texts are escaped unless the code marked its own
markup safe."""

from django import forms
from django.template.loader import render_to_string
from django.utils.html import format_html

from organisations.forms import AcceptInvitationForm


class _Hostile(forms.Form):
    typed = forms.CharField(help_text="<img src=x onerror=alert(1)>")
    written = forms.CharField(help_text=format_html("<em>{}</em>", "<b>"))


def test_a_plain_help_text_is_escaped_and_a_code_built_one_keeps_its_markup() -> None:
    # given a form with a typed help text and one the code built with format_html
    # when it is rendered through the portal's field template
    html = render_to_string("_form.html", {"form": _Hostile()})
    # then the typed text is text, the code's markup is markup (its value escaped)
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<img src=x" not in html
    assert "<em>&lt;b&gt;</em>" in html


def test_the_password_rules_still_render_as_a_list() -> None:
    # given the invitation form, whose password help is Django's rules as a list
    # when it is rendered through the portal's field template
    html = render_to_string("_form.html", {"form": AcceptInvitationForm()})
    # then the list is markup, not escaped text
    assert '_helptext"><ul><li>' in html
    assert "&lt;li&gt;" not in html
