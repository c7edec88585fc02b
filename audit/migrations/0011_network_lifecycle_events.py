from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0010_programme_page_saved"),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditevent",
            name="action",
            field=models.CharField(
                choices=[
                    ("invitation_sent", "invitation sent"),
                    ("invitation_accepted", "invitation accepted"),
                    ("invitation_revoked", "invitation revoked"),
                    ("membership_granted", "membership granted"),
                    ("role_changed", "role changed"),
                    ("membership_deactivated", "person deactivated"),
                    ("membership_reactivated", "person reactivated"),
                    ("expert_assigned", "expert assigned"),
                    ("expert_unassigned", "expert unassigned"),
                    ("network_membership_started", "network membership started"),
                    ("network_membership_ended", "network membership ended"),
                    ("document_step", "document moved in review"),
                    ("lp_account_given", "account given to an LP member"),
                    ("lp_member_erased", "LP member's personal data erased"),
                    ("lp_join_requests_purged", "old requests to join an LP deleted"),
                    ("application_decided", "decision on an application to a call"),
                    ("organisation_created", "organisation added"),
                    ("organisation_updated", "organisation changed"),
                    ("organisation_deactivated", "organisation deactivated"),
                    ("organisation_reactivated", "organisation reactivated"),
                    ("edition_created", "edition added"),
                    ("edition_updated", "edition changed"),
                    ("edition_prepared", "next edition prepared from an earlier one"),
                    ("theme_created", "theme added"),
                    ("theme_updated", "theme changed"),
                    ("network_status_changed", "network status changed"),
                    ("network_lead_handed_over", "network lead handed over"),
                    ("register_imported", "territorial register (TERYT) imported"),
                    (
                        "ministry_admin_invited",
                        "ministry admin invited from the server's command line",
                    ),
                    ("programme_page_saved", "programme page saved"),
                ],
                max_length=40,
                verbose_name="what",
            ),
        ),
    ]
