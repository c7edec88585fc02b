from allauth.mfa.recovery_codes.views import download_recovery_codes
from django.urls import include, path
from django.views.i18n import set_language

from core.downloads import private_download
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
    path("partnerstwa/", include("partnerships.urls")),
    path("dokumenty/", include("documents.urls")),
    path("pdf/", include("pdfs.urls")),
    path("", include("recruitment.urls")),
    path("jezyk/", set_language, name="set_language"),
    path("healthz", healthz, name="healthz"),
    path("healthz/ready", healthz_ready, name="healthz_ready"),
]
