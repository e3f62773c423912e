"""The one rule of dependency README's map gives: the project (campaign) may import the
apps, the apps import core and Django but never the project or each other, and core imports
no app."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = ["articles", "media_embeds", "prisoners", "petitions", "pages", "events", "actions"]


def imported_packages(package: str) -> dict[str, set[str]]:
    """{module path: top-level packages it imports}, for every module of the package."""
    found = {}
    for path in (ROOT / package).rglob("*.py"):
        tree = ast.parse(path.read_text(), filename=str(path))
        names = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
        found[str(path.relative_to(ROOT))] = names
    return found


@pytest.mark.parametrize("app", APPS)
def test_an_app_imports_neither_the_project_nor_another_app(app):
    forbidden = {"campaign", *APPS} - {app}
    offenders = {
        module: sorted(names & forbidden)
        for module, names in imported_packages(app).items()
        if names & forbidden
    }
    assert offenders == {}


def test_core_imports_no_app_and_not_the_project():
    forbidden = {"campaign", *APPS}
    offenders = {
        module: sorted(names & forbidden)
        for module, names in imported_packages("core").items()
        if names & forbidden
    }
    assert offenders == {}


def test_the_rule_sees_a_forbidden_import(tmp_path, monkeypatch):
    package = tmp_path / "articles"
    package.mkdir()
    (package / "views.py").write_text("from petitions.models import Petition\n")
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)

    assert imported_packages("articles") == {"articles/views.py": {"petitions"}}


def imports_inside_functions(package: str) -> dict[str, list[str]]:
    """{module path: our modules it imports inside a function}: a lazy import of that kind
    usually hides an import cycle. AppConfig.ready() is where Django wants such imports."""
    ours = {"campaign", "core", *APPS}
    found = {}
    for path in (ROOT / package).rglob("*.py"):
        if path.name == "apps.py":
            continue
        tree = ast.parse(path.read_text(), filename=str(path))
        names = [
            node.module
            for function in ast.walk(tree)
            if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef)
            for node in ast.walk(function)
            if isinstance(node, ast.ImportFrom)
            and node.module
            and node.module.split(".")[0] in ours
        ]
        if names:
            found[str(path.relative_to(ROOT))] = names
    return found


@pytest.mark.parametrize("package", ["core", *APPS])
def test_no_module_imports_our_code_inside_a_function(package):
    assert imports_inside_functions(package) == {}


def test_petition_tasks_do_not_import_the_services_that_queue_them():
    assert "petitions.services" not in {
        node.module
        for node in ast.walk(ast.parse((ROOT / "petitions" / "tasks.py").read_text()))
        if isinstance(node, ast.ImportFrom)
    }
