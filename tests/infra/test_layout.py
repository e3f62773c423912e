"""The one rule of dependency README's map gives: the project (campaign) may import the
apps, the apps import core and Django but never the project or each other, and core imports
no app."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = ["articles", "media_embeds", "prisoners", "petitions"]


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
