"""``make dist``: two wheels from one repository.

* ``kagoshima-nihongo-xblocks`` — the pure core (``curriculum``, with the item bank) and the five XBlocks,
  for an Open edX image. Depends on XBlock, web-fragments, fsrs and Django (the blocks render Django
  templates) and nothing else: no service packages, no ``nihongo`` command.
* ``kagoshima-nihongo`` — the service (portal, LTI tool, programme, sync, reports, course exports), which
  depends on the XBlocks wheel for the core.

Each wheel is built from a staged copy holding only its packages, with metadata generated here from the
repository's ``setup.cfg`` (one place for versions and dependencies).
"""

from __future__ import annotations

import configparser
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
XBLOCK_PACKAGES = ("curriculum", "xblocks")
SERVICE_PACKAGES = ("lti_tool", "programme", "sync_service", "reports", "course_exports", "portal")
IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", "*.po~")


def _setup() -> configparser.ConfigParser:
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg", encoding="utf-8")
    return config


def _lines(value: str) -> list[str]:
    return [x.strip() for x in value.splitlines() if x.strip() and not x.strip().startswith("#")]


def _toml_list(items: list[str]) -> str:
    return "[" + ", ".join(f'"{x}"' for x in items) + "]"


def _pyproject(name: str, version: str, summary: str, requires: list[str], packages: tuple[str, ...],
               entry_points: dict[str, dict[str, str]]) -> str:
    eps = "".join(f'\n[project.entry-points."{group}"]\n'
                  + "".join(f'{k} = "{v}"\n' for k, v in items.items())
                  for group, items in entry_points.items() if group != "console_scripts")
    scripts = "".join(f'{k} = "{v}"\n' for k, v in entry_points.get("console_scripts", {}).items())
    data = "".join(f'"{p}" = ["**/*"]\n' for p in packages)
    return f'''[build-system]
requires = ["setuptools>=77", "wheel"]
build-backend = "setuptools.build_meta"

[project]
name = "{name}"
version = "{version}"
description = "{summary}"
license = "AGPL-3.0-or-later AND CC-BY-SA-4.0"
license-files = ["LICENSE"]
requires-python = ">=3.11"
dependencies = {_toml_list(requires)}
{"[project.scripts]" + chr(10) + scripts if scripts else ""}{eps}
[tool.setuptools.packages.find]
include = {_toml_list([p for pkg in packages for p in (pkg, pkg + ".*")])}

[tool.setuptools.package-data]
{data}'''


def _stage(dest: Path, packages: tuple[str, ...], pyproject: str) -> None:
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    for package in packages:
        shutil.copytree(ROOT / package, dest / package, ignore=IGNORE)
    shutil.copy(ROOT / "LICENSE", dest / "LICENSE")
    (dest / "pyproject.toml").write_text(pyproject, encoding="utf-8")


def _entry_points(config: configparser.ConfigParser) -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = {}
    for group, value in config["options.entry_points"].items():
        found[group] = dict(tuple(x.strip() for x in line.split("=", 1)) for line in _lines(value))
    return found


def build(out: Path) -> list[Path]:
    config = _setup()
    version = config["metadata"]["version"]
    core = _lines(config["options"]["install_requires"])
    service = [r for r in _lines(config["options.extras_require"]["service"])]
    eps = _entry_points(config)
    stage = ROOT / "build" / "dist-stage"
    out.mkdir(parents=True, exist_ok=True)
    specs = [
        ("kagoshima-nihongo-xblocks", "Kagoshima Nihongo: the learning core and five Open edX XBlocks "
         "(JLPT/JFT drills, mock tests, placement, My week, Kagoshima dialect)", core, XBLOCK_PACKAGES,
         {"xblock.v1": eps["xblock.v1"]}),
        ("kagoshima-nihongo", "Kagoshima Nihongo: the LTI 1.3 tool, the programme's registry, sync and "
         "reports",
         [f"kagoshima-nihongo-xblocks=={version}", *service], SERVICE_PACKAGES,
         {"console_scripts": eps["console_scripts"]}),
    ]
    wheels = []
    for name, summary, requires, packages, entry_points in specs:
        dest = stage / name
        _stage(dest, packages, _pyproject(name, version, summary, requires, packages, entry_points))
        subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                        "-w", str(out), str(dest)], check=True)
        wheels.append(next(out.glob(f"{name.replace('-', '_')}-{version}-*.whl")))
    shutil.rmtree(stage, ignore_errors=True)
    return wheels


if __name__ == "__main__":
    for wheel in build(ROOT / "dist"):
        print(f"{wheel.relative_to(ROOT)}  {wheel.stat().st_size / 1e6:.1f} MB")
