"""The production image (Dockerfile: `COPY . .` filtered by .dockerignore) holds the
portal and nothing of its development tooling: no scale generator, no benchmarks, no
tests or test helpers; and the production settings install none of them, so the
image's files alone are enough to start the portal."""

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path, PurePosixPath

from tests.test_deploy_check import PRODUCTION_ENV

ROOT = Path(__file__).resolve().parent.parent
DEV_ONLY = ("devtools", "bench", "tests")


def _production(code: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **PRODUCTION_ENV}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests only
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


@cache
def _production_apps() -> list[str]:
    result = _production(
        "import json; from django.conf import settings; "
        "print(json.dumps(settings.INSTALLED_APPS))"
    )
    assert result.returncode == 0, result.stderr
    return list(json.loads(result.stdout))


def _project_apps() -> list[str]:
    return [app for app in _production_apps() if (ROOT / app / "apps.py").exists()]


# ------------------------------------------------------------- .dockerignore


def _regex(pattern: str) -> re.Pattern[str]:
    """A .dockerignore pattern as Docker reads it (Go's filepath.Match, plus `**`
    for any number of folders), anchored at the context's root."""
    out = ""
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out, i = out + "(?:.*/)?", i + 3
        elif pattern.startswith("**", i):
            out, i = out + ".*", i + 2
        elif pattern[i] == "*":
            out, i = out + "[^/]*", i + 1
        elif pattern[i] == "?":
            out, i = out + "[^/]", i + 1
        elif pattern[i] == "[":
            end = pattern.index("]", i)
            out, i = out + pattern[i : end + 1], end + 1
        else:
            out, i = out + re.escape(pattern[i]), i + 1
    return re.compile(out + r"\Z")


def _rules() -> list[tuple[bool, re.Pattern[str]]]:
    rules = []
    for line in (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        negated = line.startswith("!")
        pattern = str(PurePosixPath(line.lstrip("!").strip().lstrip("/")))
        rules.append((negated, _regex(pattern)))
    return rules


def _ignored(path: str, rules: list[tuple[bool, re.Pattern[str]]]) -> bool:
    """The last rule that matches the path or one of its folders decides."""
    parts = path.split("/")
    candidates = ["/".join(parts[: n + 1]) for n in range(len(parts))]
    ignored = False
    for negated, regex in rules:
        if any(regex.match(candidate) for candidate in candidates):
            ignored = not negated
    return ignored


def _context() -> Iterator[str]:
    """The files `docker build .` sends (and `COPY . .` copies), relative paths."""
    rules = _rules()
    can_prune = not any(negated for negated, _ in rules)
    for folder, dirs, files in os.walk(ROOT):
        here = Path(folder).relative_to(ROOT).as_posix()
        prefix = "" if here == "." else here + "/"
        if can_prune:
            dirs[:] = [d for d in dirs if not _ignored(prefix + d, rules)]
        for name in files:
            if not _ignored(prefix + name, rules):
                yield prefix + name


@cache
def _image_files() -> frozenset[str]:
    return frozenset(_context())


# ------------------------------------------------------------------- tests


def test_the_ignore_rules_are_read_as_docker_reads_them() -> None:
    # given rules anchored at the root, at any depth, with a wildcard and an exception
    rules = [
        (False, _regex("tests")),
        (False, _regex("**/fixtures")),
        (False, _regex("*.egg-info")),
        (True, _regex("core/fixtures/keep.json")),
    ]
    # then each applies where Docker applies it, to a file or to its folders
    assert _ignored("tests/support/world.py", rules)
    assert not _ignored("documents/tests/test_views.py", rules)
    assert _ignored("documents/fixtures/data.json", rules)
    assert _ignored("pim_portal.egg-info/PKG-INFO", rules)
    assert not _ignored("core/fixtures/keep.json", rules)


def test_the_production_settings_install_no_development_app() -> None:
    # given the production settings as compose gives them
    # when their installed apps are read
    apps = _production_apps()
    # then the portal's apps are there, the development tooling is not
    assert {"core", "accounts", "networks", "documents", "pdfs"} <= set(apps)
    for dev_only in DEV_ONLY:
        assert not any(app.split(".")[0] == dev_only for app in apps), apps


def test_the_image_holds_no_generator_benchmark_or_test() -> None:
    # given the files .dockerignore lets into the build context
    files = _image_files()
    # then none belongs to the development tooling or the tests
    leaked = sorted(
        path
        for path in files
        if path.split("/")[0] in DEV_ONLY
        or "tests" in path.split("/")[:-1]
        or path.split("/")[-1] == "conftest.py"
        or path.startswith("core/testing/")
        or path.startswith(("scripts/", ".git/", ".venv/", "var/"))
    )
    assert leaked == []


def test_the_image_holds_everything_production_runs() -> None:
    # given the files .dockerignore lets into the build context
    files = _image_files()
    # then the entry points, settings, every installed app, templates, static
    # sources, translations and the pilot data are in it
    for path in (
        "manage.py",
        "gunicorn.conf.py",
        "requirements.lock",
        "pim_portal/settings/base.py",
        "pim_portal/settings/production.py",
        "pim_portal/wsgi.py",
        "pim_portal/celery.py",
        "locale/pl/LC_MESSAGES/django.mo",
    ):
        assert path in files, path
    for app in _project_apps():
        # every module of the app (its tests aside) goes into the image
        modules = {
            str(path.relative_to(ROOT))
            for path in (ROOT / app).rglob("*.py")
            if "tests" not in path.relative_to(ROOT).parts
        }
        assert f"{app}/apps.py" in modules, app
        assert modules <= files, sorted(modules - files)
    for folder in ("templates", "static", "locale", "data/pilot"):
        assert any(path.startswith(folder + "/") for path in files), folder


def test_the_image_files_alone_pass_the_deploy_check(tmp_path: Path) -> None:
    # given only the files of the build context, copied to a folder of their own
    for path in _image_files():
        target = tmp_path / path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / path, target)
    # when Django starts there with the production settings, checks the deployment
    # (which loads every app and resolves every URL, so every view is imported)
    env = {**os.environ, **PRODUCTION_ENV, "PYTHONPATH": str(tmp_path)}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    # then it starts and finds nothing missing
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


# --------------------------------------------------------------- Dockerfile


def _stages() -> list[tuple[str, str]]:
    """(FROM line, the stage's instructions) for each stage of the Dockerfile,
    continuation lines joined, comments left out."""
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    joined = re.sub(r"\\\n\s*", " ", "\n".join(lines))
    parts = re.split(r"^(FROM .*)$", joined, flags=re.MULTILINE)
    return [(parts[i].strip(), parts[i + 1]) for i in range(1, len(parts), 2)]


def test_the_image_is_built_in_stages_and_the_last_takes_only_their_results() -> None:
    # given the Dockerfile's stages
    stages = _stages()
    names = [m[1] for line, _ in stages if (m := re.search(r" AS (\w+)$", line))]
    # then there are several, the last copies the built code and environment from
    # an earlier one, and installs nothing with pip itself (no caches, no build tools)
    assert len(stages) >= 2, stages
    last = stages[-1][1]
    copied_from = set(re.findall(r"^COPY --from=(\w+)", last, flags=re.MULTILINE))
    assert copied_from and copied_from <= set(names), (copied_from, names)
    assert "pip install" not in last
    assert "requirements-dev" not in (ROOT / "Dockerfile").read_text(encoding="utf-8")


def test_the_image_ships_compiled_bytecode() -> None:
    # given the Dockerfile's stages
    stages = _stages()
    # then the code and the dependencies are compiled to bytecode while building
    # (the running code is read-only and would never write it), and the last stage
    # takes what was compiled
    compiled = [
        body
        for _, body in stages
        if re.search(r"python -m compileall\b[^\n]*/app\b", body)
        and re.search(r"python -m compileall\b[^\n]*/opt/venv\b", body)
    ]
    assert compiled, "no compileall of /app and /opt/venv"
    assert re.search(r"^COPY --from=\w+ /app /app$", stages[-1][1], re.MULTILINE)
    assert re.search(r"^COPY --from=\w+ /opt/venv /opt/venv$", stages[-1][1], re.M)


def test_the_base_image_is_pinned_to_an_exact_release() -> None:
    # given every image the Dockerfile starts from (not its own stages)
    stages = _stages()
    names = {m[1] for line, _ in stages if (m := re.search(r" AS (\w+)$", line))}
    bases = {line.split()[1] for line, _ in stages} - names
    # then each is an exact release (python:3.11.14-…, with its digest where known)
    assert bases
    for base in bases:
        exact = r"[\w./-]+:\d+\.\d+\.\d+[\w.-]*(@sha256:[0-9a-f]{64})?"
        assert re.fullmatch(exact, base), base
