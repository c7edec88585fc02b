from django.core import mail

from core.mail import send_mail


def test_a_subject_built_from_typed_names_with_line_breaks_is_sent_on_one_line() -> (
    None
):
    # given a subject holding a name typed with a line break (a header would break)
    subject = "Fiszka sieci — Miasto\r\ncyfrowe: zaakceptowana"
    # when it is sent
    sent = send_mail(subject, "Treść.", ["koordynator@example.pl"])
    # then it goes out, its subject on one line
    assert sent == 1
    assert mail.outbox[-1].subject == "Fiszka sieci — Miasto cyfrowe: zaakceptowana"
    assert mail.outbox[-1].to == ["koordynator@example.pl"]
