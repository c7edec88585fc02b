"""Elements that poll in the background say so (X-Portal-Passive), so an open tab
alone never keeps a signed-in session alive (organisations.middleware)."""

import re
from pathlib import Path

from django.conf import settings

from organisations.middleware import PASSIVE_HEADER

POLLING = re.compile(r'hx-trigger="[^"]*(\bevery\b|\bload delay)')
TAG = re.compile(r"<[a-zA-Z][^>]*>", re.DOTALL)


def _polling_tags() -> list[tuple[Path, str]]:
    found = []
    for path in sorted(Path(settings.BASE_DIR).glob("**/templates/**/*.html")):
        if ".venv" in path.parts:
            continue
        for tag in TAG.findall(path.read_text()):
            if POLLING.search(tag):
                found.append((path, tag))
    return found


def test_every_polling_element_marks_its_requests_as_passive() -> None:
    # given the templates' elements that poll (presence, PDF and ZIP status)
    polling = _polling_tags()
    assert len(polling) >= 3
    # then each sends the passive header
    header = f'hx-headers=\'{{"{PASSIVE_HEADER}": "1"}}\''
    missing = [f"{path}: {tag}" for path, tag in polling if header not in tag]
    assert not missing
