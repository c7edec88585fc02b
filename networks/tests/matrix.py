"""Permission-matrix entries for networks (merged into
tests/test_permission_matrix.py): each part of the app keeps its own."""

from networks.tests.matrix_editions import MATRIX as EDITIONS
from networks.tests.matrix_members import MATRIX as MEMBERS
from tests.support.matrix import Case

MATRIX: dict[str, list[Case]] = {}
MATRIX.update(EDITIONS)
MATRIX.update(MEMBERS)
