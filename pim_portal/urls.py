from allauth.mfa.recovery_codes.views import download_recovery_codes
from django.urls import include, path
from django.views.i18n import set_language

from core.downloads import private_download
from meetings import partnership_urls as meetings_partnership_urls
from partnerships import urls as partnerships_urls
from portal.views import healthz, healthz_ready

urlpatterns = [
    path("", include("portal.urls")),
    path("sieci/", include("networks.urls")),
    path("", include("organisations.urls")),
    path("konto/", include("accounts.urls")),  # before allauth's: overrides
    # allauth's own view, kept by no cache: the codes are a second factor.
    path(
        "konto/2fa/recovery-codes/download/",
        private_download(download_recovery_codes),
        name="mfa_download_recovery_codes",
    ),
    path("konto/", include("allauth.urls")),
    path("audyt/", include("audit.urls")),
    path("spotkania/", include("meetings.urls")),
    path("materialy/", include("materials.urls")),
    # One namespace, two apps: an LP's own page shows its meetings' attendance, so
    # meetings (above partnerships) serves it, under the same paths and names.
    path(
        "partnerstwa/",
        include(
            (
                [
                    *partnerships_urls.urlpatterns,
                    *meetings_partnership_urls.urlpatterns,
                ],
                partnerships_urls.app_name,
            )
        ),
    ),
    path("dokumenty/", include("documents.urls")),
    path("pdf/", include("pdfs.urls")),
    path("", include("recruitment.urls")),
    path("", include("programme.urls")),
    path("jezyk/", set_language, name="set_language"),
    path("healthz", healthz, name="healthz"),
    path("healthz/ready", healthz_ready, name="healthz_ready"),
]
