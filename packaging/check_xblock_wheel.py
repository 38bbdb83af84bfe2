"""Install the XBlocks wheel into a fresh virtualenv with one Open edX release's XBlock and Django alone, then
load all five blocks and check that nothing of the service came with it.

    python packaging/check_xblock_wheel.py ulmo       # Python 3.11, XBlock 5.3.0, Django 5.2.11
    python packaging/check_xblock_wheel.py verawood   # Python 3.12, XBlock 6.1.0, Django 5.2.11

Ulmo's pins are those of openedx-platform's requirements/edx/base.txt (xblock[django]==5.3.0,
django==5.2.11) and Tutor v21's Python 3.11. Verawood runs Python 3.12 (Tutor's verawood branch); its XBlock
is the 6.x line before
6.2 (assumed 6.1.0: the platform's own lock for that release could not be read here) with Django 5.2.
Needs the package index (PyPI or a mirror) for XBlock, Django and fsrs.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RELEASES = {
    "ulmo": ("3.11", ["XBlock==5.3.0", "Django==5.2.11"]),
    "verawood": ("3.12", ["XBlock==6.1.0", "Django==5.2.11"]),
}
BLOCKS = ("jlpt_drill", "mock_test", "placement_test", "dialect_lesson", "study_progress")
PROBE = f"""
import importlib.util, sys
from xblock.core import XBlock
loaded = {{tag: XBlock.load_class(tag).__name__ for tag in {BLOCKS!r}}}
print("loaded:", ", ".join(f"{{k}}={{v}}" for k, v in loaded.items()))
ours = [m for m in ("portal", "reports", "programme", "sync_service", "lti_tool", "course_exports")
        if importlib.util.find_spec(m)]
assert not ours, f"service packages installed with the XBlocks: {{ours}}"
from curriculum.bank import default_bank
print("bank:", len(default_bank()), "items")
"""


def python_for(version: str) -> str:
    """An interpreter of ``version``: on PATH (a working one, not a disabled pyenv shim), else pyenv's."""
    candidates = [shutil.which(f"python{version}")]
    candidates += sorted(str(p) for p in Path.home().glob(f".pyenv/versions/{version}.*/bin/python{version}"))
    for found in filter(None, candidates):
        if subprocess.run([found, "--version"], capture_output=True).returncode == 0:
            return found
    sys.exit(f"no working python{version}: install it (e.g. pyenv install {version}) to check this release")


def check(release: str, wheel: Path) -> None:
    version, pins = RELEASES[release]
    with tempfile.TemporaryDirectory(prefix=f"xblock-{release}-") as tmp:
        venv = Path(tmp) / "venv"
        subprocess.run([python_for(version), "-m", "venv", str(venv)], check=True)
        py = venv / "bin" / "python"
        subprocess.run([str(py), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                        *pins, str(wheel)], check=True)
        installed = subprocess.run([str(py), "-m", "pip", "list", "--format=freeze"], check=True,
                                   capture_output=True, text=True).stdout
        assert not (venv / "bin" / "nihongo").exists(), "the XBlocks wheel installed a nihongo command"
        for pin in pins:
            assert pin.lower() in installed.lower(), f"{pin} was replaced: {installed}"
        out = subprocess.run([str(py), "-W", "error::DeprecationWarning:curriculum", "-c", PROBE],
                             capture_output=True, text=True, cwd=tmp)
        if out.returncode:
            sys.exit(f"{release}: the blocks did not load:\n{out.stderr[-3000:]}")
        out = out.stdout
        print(f"{release} (Python {version}, {', '.join(pins)}): {out.strip()}")


if __name__ == "__main__":
    releases = sys.argv[1:] or list(RELEASES)
    wheels = sorted((ROOT / "dist").glob("kagoshima_nihongo_xblocks-*.whl"))
    if not wheels:
        sys.exit("no XBlocks wheel in dist/: run `make dist` first")
    for name in releases:
        check(name, wheels[-1])
