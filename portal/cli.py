"""``nihongo``: the operators' command line, assembled here at the composition root.

Each package registers its own commands (``register(sub)`` in its ``commands`` module); every command
calls the same use case as any other entry point. The demo's commands exist only here.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from datetime import datetime, timezone
from pathlib import Path

#: Modules that add their own commands: each has ``register(sub)``, given the top-level subparsers.
PLUGINS = (
    "sync_service.commands",            # sync | status | rules run | hosts push
    "reports.commands",                 # report monthly | company
    "programme.commands",               # log | questions | survey
    "programme.front_office.commands",  # applications list | forward | import-decisions
    "programme.accounts.commands",      # accounts issue | reset
    "programme.outbox.commands",        # outbox list | approve | send
    "lti_tool.commands",                # lti keys | rotate-keys | register | retry-scores ...
    "curriculum.commands",              # content check | export, bank build
    "course_exports.commands",          # export olx | cc
)


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()


def cmd_seed_demo(args) -> int:
    from portal.demo_seed import seed

    counts = seed(datetime.now(timezone.utc), base_url=args.base_url)
    print(", ".join(f"{v} {k}" for k, v in counts.items()))
    return 0


def cmd_demo(args) -> int:
    from portal.demo import run

    return run(portal_port=args.port, workbench_port=args.workbench_port, var_dir=args.var_dir)


def version_line() -> str:
    """This software's version and the versions it runs on, for configuration records (O4)."""
    import platform
    from importlib import metadata

    def version(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "not installed"

    return (f"kagoshima-nihongo {version('kagoshima-nihongo')} (Python {platform.python_version()}, "
            f"Django {version('Django')}, XBlock {version('XBlock')}, PyLTI1p3 {version('PyLTI1p3')})")


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="nihongo", description="Run the Kagoshima Nihongo programme.",
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
    top.add_argument("--version", action="version", version=version_line(),
                     help="the software's version and what it runs on (O4), then exit")
    sub = top.add_subparsers(dest="command", required=True)
    p = sub.add_parser("seed-demo", help="fill an empty database with the demo companies and learners")
    p.add_argument("--base-url", default=None, help="where the demo portal is served")
    p.set_defaults(func=cmd_seed_demo, django=True)

    p = sub.add_parser("demo", help="migrate, seed and serve the portal, the demo LMS and the workbench")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--workbench-port", type=int, default=8001)
    p.add_argument("--var-dir", type=Path, default=None,
                   help="where the demo's databases live (default: var/)")
    p.set_defaults(func=cmd_demo, django=False)

    for module in PLUGINS:
        importlib.import_module(module).register(sub)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.django:
        _setup_django()
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
