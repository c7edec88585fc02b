"""E-mail verification becomes mandatory: the login addresses of existing active
accounts are recorded as confirmed, so that nobody is locked out.

Those addresses are the ones the accounts were made with (an invitation link mailed
there, an LP member's account entered only through a link mailed there, demo), with
one exception: while verification was off, the e-mail page let a signed-in person
make an unconfirmed address their login. Such an address (allauth's record of it
marked primary, as only that page marks it) stays unconfirmed: at its next sign-in,
allauth mails it a confirmation link and lets nobody in until it is followed."""

from django.db import migrations
from django.db.models import Q


def confirm_login_addresses(apps, schema_editor):  # type: ignore[no-untyped-def]
    User = apps.get_model("accounts", "User")
    EmailAddress = apps.get_model("account", "EmailAddress")
    for user in User.objects.filter(is_active=True).iterator():
        email = user.email.lower()
        if EmailAddress.objects.filter(email__iexact=email, verified=True).exists():
            continue  # confirmed already (by this account or, unlikely, another)
        record = EmailAddress.objects.filter(user=user, email__iexact=email).first()
        if record is not None and record.primary:
            continue  # made the login on the e-mail page, never confirmed
        EmailAddress.objects.filter(Q(user=user) & Q(primary=True)).update(
            primary=False
        )
        if record is None:
            EmailAddress.objects.create(
                user=user, email=email, verified=True, primary=True
            )
        else:
            record.verified = True
            record.primary = True
            record.save(update_fields=["verified", "primary"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("account", "0009_emailaddress_unique_primary_email"),
    ]

    operations = [
        migrations.RunPython(confirm_login_addresses, migrations.RunPython.noop),
    ]
