"""The stack of apps (pyproject.toml, [tool.importlinter]) is checked by the real
import-linter: it lists every app, a backward import or an import cycle between the
modules of an app breaks it, and the project as it stands keeps it."""

import ast
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
# Project packages without an AppConfig: the wiring and the benchmarks.
PACKAGES_WITHOUT_APPS_PY = {"pim_portal", "bench"}


def _config() -> dict[str, Any]:
    with (ROOT / "pyproject.toml").open("rb") as file:
        config: dict[str, Any] = tomllib.load(file)["tool"]["importlinter"]
    return config


def _contract(kind: str) -> dict[str, Any]:
    (contract,) = [c for c in _config()["contracts"] if c["type"] == kind]
    return contract


def _layered_packages() -> set[str]:
    return {
        name.strip()
        for layer in _contract("layers")["layers"]
        for name in layer.split("|")
    }


def _apps_in_the_repository() -> set[str]:
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")}
    return apps | PACKAGES_WITHOUT_APPS_PY


def _copy_of_the_project(destination: Path) -> Path:
    """The project's packages (Python files only) and its pyproject.toml."""
    shutil.copy(ROOT / "pyproject.toml", destination / "pyproject.toml")
    for package in _config()["root_packages"]:
        for source in (ROOT / package).rglob("*.py"):
            target = destination / source.relative_to(ROOT)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, target)
    return destination


def _lint_imports(directory: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo"],
        cwd=directory,
        # Wide lines: an import chain is never wrapped in the report.
        env={**os.environ, "COLUMNS": "200"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_layers_contract_lists_every_app_of_the_repository() -> None:
    # given every top-level package with an apps.py, and the wiring and the bench
    apps = _apps_in_the_repository()

    # when the contract's layers are read
    layered = _layered_packages()

    # then each app has its place in the stack (import-linter cannot check this
    # itself: `exhaustive` needs containers, and root packages have none)
    assert apps - layered == set()
    assert "core" in apps


def test_every_layered_package_is_analysed_and_checked_for_cycles() -> None:
    # given the packages placed in the stack
    layered = _layered_packages()

    # when the analysed root packages and the cycle contract's packages are read
    roots = set(_config()["root_packages"])
    ancestors = set(_contract("acyclic_siblings")["ancestors"])

    # then the three lists name the same packages, type-only imports are not counted,
    # and the bottom of the stack is the kernel
    assert roots == layered
    assert ancestors == layered
    assert _config()["exclude_type_checking_imports"] is True
    assert _contract("layers")["layers"][-1] == "core"


def test_a_backward_import_from_the_kernel_breaks_the_check(tmp_path: Path) -> None:
    # given a copy of the project where the kernel imports the PDF app
    project = _copy_of_the_project(tmp_path)
    models = project / "core" / "models.py"
    models.write_text(
        models.read_text(encoding="utf-8") + "\nimport pdfs.models  # noqa\n",
        encoding="utf-8",
    )

    # when the imports are checked
    result = _lint_imports(project)

    # then the check fails and names the backward import
    assert result.returncode == 1, result.stdout + result.stderr
    assert "core is not allowed to import pdfs" in result.stdout
    assert "core.models -> pdfs.models" in result.stdout


def test_two_modules_of_an_app_importing_each_other_break_the_check(
    tmp_path: Path,
) -> None:
    # given a copy of the project where two modules of networks import each other
    project = _copy_of_the_project(tmp_path)
    (project / "networks" / "ring_one.py").write_text("import networks.ring_two\n")
    (project / "networks" / "ring_two.py").write_text("import networks.ring_one\n")

    # when the imports are checked
    result = _lint_imports(project)

    # then the check fails and names the cycle inside networks
    assert result.returncode == 1, result.stdout + result.stderr
    assert "No cycles are allowed in networks." in result.stdout
    assert (
        ".ring_one -> .ring_two" in result.stdout
        or ".ring_two -> .ring_one" in result.stdout
    )


def test_the_project_keeps_its_stack_of_apps_and_has_no_import_cycles() -> None:
    # given the project as it stands
    # when the imports are checked, as `make check` does
    result = _lint_imports(ROOT)

    # then every contract is kept
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 2 kept, 0 broken." in result.stdout


def _imports_inside_functions(path: Path, packages: set[str]) -> list[str]:
    """Imports of a project package made inside a function body, other than in an
    AppConfig's ready() (where Django connects signal receivers) and under
    `if TYPE_CHECKING:`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if function.name == "ready" and path.name == "apps.py":
            continue
        for node in ast.walk(function):
            names: list[str] = []
            if isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                if name.split(".")[0] in packages:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} {name}")
    return found


def test_no_function_level_import_dodges_the_stack() -> None:
    # The benchmark scripts import the apps only once they have set Django up.
    packages = set(_config()["root_packages"]) - {"bench"}
    found = [
        line
        for package in packages
        for path in sorted((ROOT / package).rglob("*.py"))
        if "tests" not in path.relative_to(ROOT).parts
        for line in _imports_inside_functions(path, packages)
    ]
    assert found == []
