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
    from portal.config import CONFIG
    from portal.demo_seed import seed

    if not CONFIG.demo:
        print("seed-demo creates accounts with published passwords, so it runs only in the demo "
              "(`make demo`, or NIHONGO_DEMO=1 on a throw-away database).", file=sys.stderr)
        return 2

    counts = seed(datetime.now(timezone.utc), base_url=args.base_url)
    print(", ".join(f"{v} {k}" for k, v in counts.items()))
    return 0


def cmd_demo(args) -> int:
    from portal.demo import run

    return run(portal_port=args.port, workbench_port=args.workbench_port, var_dir=args.var_dir)


def cmd_backup(args) -> int:
    from .backup import BackupError, backup

    try:
        path = backup(args.out, datetime.now(timezone.utc), keep=args.keep)
    except BackupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB, encrypted); keeping the newest {args.keep}")
    return 0


def cmd_restore(args) -> int:
    from .backup import BackupError, read, restore

    try:
        if not args.yes:
            manifest, _name, _dump = read(args.path)
            print(f"{args.path}: a {manifest['database']} backup of {manifest['created']}, "
                  f"{sum(manifest['tables'].values())} rows in {len(manifest['tables'])} tables; "
                  "checksum ok. "
                  "Run again with --yes to REPLACE this site's database with it.")
            return 0
        done = restore(args.path)
    except BackupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if done.mismatches:
        for table, (expected, found) in done.mismatches.items():
            print(f"MISMATCH {table}: {expected} rows in the backup, {found} after the restore",
                  file=sys.stderr)
        return 1
    print(f"restored {done.rows} rows in {done.tables} tables; every table matches the backup's manifest")
    return 0


def cmd_purge(args) -> int:
    from django.db import transaction

    from .erasure import purge, write

    if bool(args.all) == bool(args.company):
        print("error: name the companies (--company ID, repeatable) or --all for the whole programme",
              file=sys.stderr)
        return 2
    now = datetime.now(timezone.utc)
    try:
        with transaction.atomic():
            cert = purge(None if args.all else args.company, by=args.by, reason=args.reason, now=now,
                         backup_keep_days=args.backup_keep_days)
            if not args.yes:
                transaction.set_rollback(True)
    except (ValueError, LookupError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for what, count in cert.facts["erased"].items():
        print(f"{count:>7}  {what}")
    if not args.yes:
        print("Nothing was changed: run again with --yes to erase this and write the signed certificate.")
        return 0
    json_path, pdf_path = write(cert, args.out, now)
    print(f"erased; certificate: {pdf_path} (signed: {json_path}; check it with `nihongo purge verify`)")
    return 0


def cmd_purge_verify(args) -> int:
    import json

    from .erasure import verify

    try:
        document = json.loads(args.path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        print(f"error: {args.path}: {exc}", file=sys.stderr)
        return 2
    if verify(document):
        print(f"valid: signed by this site's key {document['signature']['kid']}")
        return 0
    print("INVALID: the certificate was changed, or not signed by one of this site's keys", file=sys.stderr)
    return 1


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


def cmd_serve(args) -> int:
    """Production: collect static files, refuse a bad configuration, then hand over to gunicorn."""
    from django.core.management import call_command

    call_command("collectstatic", "--no-input", verbosity=0)
    call_command("check", "--deploy", fail_level="WARNING")
    command = ["gunicorn", "portal.wsgi:application", "--bind", args.bind, "--workers", str(args.workers),
               "--worker-class", "gthread", "--threads", str(args.threads),
               "--access-logfile", "-", "--forwarded-allow-ips", args.forwarded_allow_ips]
    print("Serving with", " ".join(command), flush=True)
    os.execvp(sys.executable, [sys.executable, "-m", *command])
    return 1  # not reached


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

    p = sub.add_parser("backup", help="an encrypted backup of the database, checked by its manifest (O6)",
                       epilog="The password comes from NIHONGO_BACKUP_PASSWORD. Schedule: docs/scheduling/.")
    p.add_argument("--out", type=Path, required=True, help="the backups' folder (off the database's disk)")
    p.add_argument("--keep", type=int, default=14, help="how many of the newest backups to keep (default 14)")
    p.set_defaults(func=cmd_backup, django=True)
    p = sub.add_parser("restore", help="check a backup; with --yes replace the database with it and verify")
    p.add_argument("path", type=Path)
    p.add_argument("--yes", action="store_true", help="really replace this site's database")
    p.set_defaults(func=cmd_restore, django=True)
    p = sub.add_parser("serve", help="production: collect static files, check the settings, run gunicorn")
    p.add_argument("--bind", default="127.0.0.1:8000", help="address for the TLS proxy to reach")
    p.add_argument("--workers", type=int, default=3, help="server processes (about one per core, default 3)")
    p.add_argument("--threads", type=int, default=2,
                   help="threads per process (default 2: a request is mostly Python, so more threads "
                        "only wait for one another; two let one thread's database wait overlap another's "
                        "work — benchmarks/lti_answers.py)")
    p.add_argument("--forwarded-allow-ips", default="127.0.0.1",
                   help="the TLS proxy's address (it sets X-Forwarded-Proto)")
    p.set_defaults(func=cmd_serve, django=True)

    purge = sub.add_parser("purge", help="erase personal data with a signed certificate (O11)")
    purge = purge.add_subparsers(dest="kind", required=True)
    p = purge.add_parser("run", help="erase a company's or the whole programme's personal data (--yes)")
    p.add_argument("--company", type=int, action="append", help="a company's ID (repeatable)")
    p.add_argument("--all", action="store_true", help="every company: the contract's end")
    p.add_argument("--by", required=True, help="who erases (the operator)")
    p.add_argument("--reason", required=True, help="why: the contract's end, the company's request...")
    p.add_argument("--out", type=Path, default=Path("."), help="where the certificate goes (default: here)")
    p.add_argument("--backup-keep-days", type=int, default=14, help="backups' lifetime (noted)")
    p.add_argument("--yes", action="store_true", help="really erase (without it: counts only, no change)")
    p.set_defaults(func=cmd_purge, django=True)
    p = purge.add_parser("verify", help="check an erasure certificate's signature")
    p.add_argument("path", type=Path, help="the certificate's .json")
    p.set_defaults(func=cmd_purge_verify, django=True)

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
