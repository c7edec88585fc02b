"""The deployment files agree with the settings: .env.example documents every
environment variable, docker-compose.yml declares every service. Plain text checks:
no database, no YAML parser."""

import re
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
