import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "pim_portal.settings.production",
    "DJANGO_SECRET_KEY": "k8#Qz!v2@Lr7^Wm4&Tn9*Yp3(Hs6)Jd1-Fb5+Gc0=Xa8_Ue2%Io4$Ok7",
    "DJANGO_ALLOWED_HOSTS": "pim.gov.pl",
    "DATABASE_URL": "postgres://pim@db.invalid:5432/pim",
    "REDIS_URL": "redis://redis.invalid:6379/0",
    "EMAIL_URL": "smtp+tls://pim:secret@smtp.pim.invalid:587",
    "PORTAL_BASE_URL": "https://pim.gov.pl",
}


def test_production_settings_pass_check_deploy_with_zero_warnings() -> None:
    # given production settings as compose would give them
    env = {**os.environ, **PRODUCTION_ENV}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests only
    # when
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    # then
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
