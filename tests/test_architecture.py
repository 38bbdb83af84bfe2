"""The pure core stays pure: curriculum imports no Django, XBlock, requests or pandas."""

import ast
import subprocess
import sys
from pathlib import Path

import curriculum

FORBIDDEN = {"django", "xblock", "requests", "pandas",
             "lti_tool", "sync_service", "programme", "portal", "reports"}


def imported_roots(path: Path) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


def test_curriculum_imports_no_framework():
    sources = sorted(Path(curriculum.__file__).parent.rglob("*.py"))
    assert len(sources) >= 5
    offenders = {str(p.name): sorted(imported_roots(p) & FORBIDDEN) for p in sources}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_check_itself_catches_a_forbidden_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("import pandas as pd\nfrom django.db import models\n", encoding="utf-8")
    assert imported_roots(bad) & FORBIDDEN == {"pandas", "django"}



def test_the_house_keeps_its_import_contracts():
    """Layers (portal → reports | sync_service → programme | lti_tool | xblocks | course_exports → core),
    a pure core, and no cycles between modules: the contracts in .importlinter hold."""
    root = Path(curriculum.__file__).parents[1]
    found = subprocess.run([str(Path(sys.executable).parent / "lint-imports"), "--no-cache"], cwd=root,
                           capture_output=True, text=True, timeout=300)
    assert found.returncode == 0, found.stdout[-3000:]
    assert "Contracts: 3 kept, 0 broken." in found.stdout
