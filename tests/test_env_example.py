"""The deployment files agree with the settings: .env.example documents every
environment variable, docker-compose.yml declares every service and passes the
documented settings through rather than hard-coding them. Plain text checks: no
database, no YAML parser (PyYAML is not a dependency; the file's shapes used here are
list items and flow lists)."""

import re
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETTINGS_DIR = ROOT / "pim_portal" / "settings"
ENV_EXAMPLE = ROOT / ".env.example"
COMPOSE_FILE = ROOT / "docker-compose.yml"

# env("NAME", ...), env.bool("NAME", ...), env.db("NAME"), ... even across lines.
ENV_CALL = re.compile(r"""\benv(?:\.\w+)?\(\s*["']([A-Z][A-Z0-9_]*)["']""")
# ${NAME}, ${NAME:-default}, ${NAME:?error}; $${NAME} is escaped for the container.
COMPOSE_VARIABLE = re.compile(r"(?<!\$)\$\{([A-Z][A-Z0-9_]*)")


def variables_read_by_settings() -> set[str]:
    return {
        name
        for path in SETTINGS_DIR.glob("*.py")
        for name in ENV_CALL.findall(path.read_text(encoding="utf-8"))
    }


def documented_variables() -> set[str]:
    # "NAME=value" to fill in, or "# NAME=default" left commented out.
    text = ENV_EXAMPLE.read_text(encoding="utf-8")
    return set(re.findall(r"^#?[ \t]*([A-Z][A-Z0-9_]*)=", text, flags=re.MULTILINE))


def test_env_example_documents_every_variable_the_settings_read() -> None:
    # given the variables read through env(...) in every settings module
    read = variables_read_by_settings()
    assert {"DJANGO_SECRET_KEY", "DATABASE_URL", "REDIS_URL"} <= read  # regex works
    # when .env.example is read
    documented = documented_variables()
    # then each of them has a line there
    assert sorted(read - documented) == []


def test_env_example_documents_every_variable_compose_substitutes() -> None:
    # given the ${...} substitutions in docker-compose.yml
    compose = COMPOSE_FILE.read_text(encoding="utf-8")
    substituted = set(COMPOSE_VARIABLE.findall(compose))
    assert "POSTGRES_PASSWORD" in substituted
    # when .env.example is read
    documented = documented_variables()
    # then each of them has a line there
    assert sorted(substituted - documented) == []


def test_compose_file_declares_the_stack_services_without_a_version_key() -> None:
    # given docker-compose.yml
    text = COMPOSE_FILE.read_text(encoding="utf-8")
    # when its top-level keys and, inside the services: block only (volumes: has
    # keys of the same names), the two-space indented keys are listed
    top_level = set(re.findall(r"^([a-z][\w-]*):", text, flags=re.MULTILINE))
    block = re.search(r"^services:\n(.*?)(?=^\S|\Z)", text, re.MULTILINE | re.DOTALL)
    assert block is not None
    services = set(re.findall(r"^  ([a-z][\w-]*):", block[1], flags=re.MULTILINE))
    # then the whole stack is there, as a compose-spec file (no obsolete version:)
    assert "services" in top_level
    assert "version" not in top_level
    assert {"postgres", "redis", "migrate", "web", "worker", "beat"} <= services


# Command-line options in compose that would override a documented setting; each
# must come from its variable (${NAME...}) or be left to the settings, never a number.
OPTION_SETTING = {
    "--max-memory-per-child": "PDF_WORKER_MAX_MEMORY_KB",
    "--soft-time-limit": "PDF_SOFT_TIME_LIMIT",
    "--time-limit": "PDF_TIME_LIMIT",
    "--workers": "WEB_CONCURRENCY",
    "--maxmemory": "CACHE_REDIS_MAXMEMORY",
}


def _unquote(token: str) -> str:
    token = token.strip()
    if len(token) >= 2 and token[0] == token[-1] and token[0] in "\"'":
        return token[1:-1]
    return token


def command_words(text: str) -> list[str]:
    """Every list item (`- word`) and flow-list word (`command: ["a", "b"]`) of a
    compose file, in order, `--option=value` split in two."""
    words: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            continue
        flow = re.match(r"^(?:- )?\w[\w-]*:\s*\[(.*)\]\s*$", stripped)
        if flow:
            found = re.findall(r"\"[^\"]*\"|'[^']*'|[^,\s]+", flow[1])
        elif stripped.startswith("- "):
            found = [stripped[2:]]
        else:
            continue
        for word in map(_unquote, found):
            words.extend(word.split("=", 1) if word.startswith("--") else [word])
    return words


def test_compose_words_are_read_from_lists_and_flow_lists() -> None:
    # given list items, a flow list and an --option=value
    text = (
        'command: ["redis-server", "--maxmemory", "1gb"]\n'
        'command:\n  - celery\n  - --time-limit=90\n  - "${PDF_TIME_LIMIT}"\n'
    )
    # then every word is found, in order
    assert command_words(text) == [
        "redis-server",
        "--maxmemory",
        "1gb",
        "celery",
        "--time-limit",
        "90",
        "${PDF_TIME_LIMIT}",
    ]


def test_compose_hard_codes_no_documented_setting() -> None:
    # given the options compose gives its processes, and the documented variables
    words = command_words(COMPOSE_FILE.read_text(encoding="utf-8"))
    assert "celery" in words  # the reader works
    documented = documented_variables()
    assert set(OPTION_SETTING.values()) <= documented
    # when an option that a documented variable sets appears
    hard_coded = [
        f"{option} {value}"
        for option, value in pairwise(words)
        if option in OPTION_SETTING
        and not value.startswith("${" + OPTION_SETTING[option])
    ]
    # then its value comes from that variable (or the option is left to the settings)
    assert hard_coded == []


def test_compose_passes_the_env_file_to_every_service_of_the_portal() -> None:
    # given the services built from the portal's image (the x-app anchor)
    text = COMPOSE_FILE.read_text(encoding="utf-8")
    anchor = re.search(r"^x-app: &app\n(.*?)(?=^\S)", text, re.MULTILINE | re.DOTALL)
    assert anchor is not None
    users = re.findall(r"^  ([a-z][\w-]*):\n    <<: \*app", text, flags=re.MULTILINE)
    # then the anchor reads .env (so the settings get every documented variable,
    # PDF_WORKER_MAX_MEMORY_KB and the PDF limits among them) and the workers use it
    assert re.search(r"^  env_file: \.env$", anchor[1], flags=re.MULTILINE)
    assert {"web", "worker", "worker-pdf", "beat", "migrate"} <= set(users)
