"""``nihongo export olx|cc``: the courses as an Open edX OLX archive or an IMS Common Cartridge."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

COURSE_HELP = "n5, n4, n3, n2, jft (JFT-Basic) or dialect (Kagoshima dialect)"


def _default_base_url() -> str:
    """NIHONGO_BASE_URL (as the portal's settings read it), or the development address."""
    return os.environ.get("NIHONGO_BASE_URL", "http://127.0.0.1:8000").rstrip("/")


def register(sub) -> None:
    """Add ``export olx`` and ``export cc`` to the top-level subparsers."""
    export = sub.add_parser("export",
                            help="build a course: Open edX OLX (.tar.gz) or Common Cartridge (.imscc)")
    kinds = export.add_subparsers(dest="kind", required=True)

    p = kinds.add_parser(
        "olx", help="an Open edX course archive (.tar.gz) for Studio's Tools → Import",
        description="Write DIR/<course>.tar.gz: chapters by week, our XBlocks in units, the grading "
                    "policy (Practice and Mock test), our blocks in advanced_modules, the content "
                    "attribution in the about page. Import it in Studio (Tools → Import).")
    p.add_argument("--course", required=True, metavar="COURSE", help=COURSE_HELP)
    p.add_argument("--out", required=True, type=Path, metavar="DIR",
                   help="folder to write into (created if missing; the archive is replaced)")
    p.set_defaults(func=cmd_export_olx, django=False)

    p = kinds.add_parser(
        "cc", help="an IMS Common Cartridge (.imscc) of LTI 1.3 links for Moodle and Canvas",
        description="Write DIR/<course>.imscc: one LTI 1.3 resource link per activity (launch URL "
                    "BASE/lti/launch/, the activity's settings as custom parameters), in modules by week. "
                    "Register the tool in the LMS first (login BASE/lti/login/, launch BASE/lti/launch/).")
    p.add_argument("--course", required=True, metavar="COURSE", help=COURSE_HELP)
    p.add_argument("--out", required=True, type=Path, metavar="DIR",
                   help="folder to write into (created if missing; the cartridge is replaced)")
    p.add_argument("--base-url", default=None,
                   help="the tool's public address, e.g. https://nihongo.example.jp "
                        "(default: NIHONGO_BASE_URL, else http://127.0.0.1:8000)")
    p.add_argument("--cc-version", choices=("1.1", "1.3"), default="1.1",
                   help="Common Cartridge version: 1.1 (default) imports in Moodle and Canvas; "
                        "1.3 in Canvas only (Moodle's restore reads 1.0 and 1.1)")
    p.set_defaults(func=cmd_export_cc, django=False)


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2


def _plan_and_out(args):
    """The course's plan and the output folder, or the error message."""
    from curriculum.course_plan import UnknownCourse, plan

    try:
        course = plan(args.course)
    except UnknownCourse as exc:
        return None, str(exc)
    for note in course.notes:
        print(f"warning: {note}", file=sys.stderr)
    out = args.out
    if out.exists() and not out.is_dir():
        return None, f"--out {out} is a file (give a folder; it is created if missing)"
    return course, None


def _write(build, *build_args):
    try:
        return build(*build_args), None
    except OSError as exc:
        return None, f"cannot write to {exc.filename or build_args[1]}: {exc.strerror or exc} (check --out)"


def _summary(built, what: str, containers: str) -> None:
    blocks = ", ".join(f"{kind} {n}" for kind, n in built.counts.items())
    print(f"wrote {built.path}")
    print(f"  {built.chapters} {containers}, {built.units} units, {built.blocks} {what} ({blocks})")


def cmd_export_olx(args) -> int:
    from . import olx

    course, error = _plan_and_out(args)
    if error:
        return _fail(error)
    built, error = _write(olx.build, course, args.out)
    if error:
        return _fail(error)
    _summary(built, "blocks", "chapters")
    print(f"  course {course.org}/{course.number}/{course.run}; import it in Studio: Tools → Import")
    _bank_note(course)
    return 0


def cmd_export_cc(args) -> int:
    from . import cc

    course, error = _plan_and_out(args)
    if error:
        return _fail(error)
    base_url = (args.base_url or _default_base_url()).rstrip("/")
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        return _fail(f"--base-url {base_url!r} is not an address like https://nihongo.example.jp")
    built, error = _write(cc.build, course, args.out, base_url, args.cc_version)
    if error:
        return _fail(error)
    _summary(built, "LTI links", "modules")
    print(f"  Common Cartridge {args.cc_version}; "
          f"launch {cc.launch_url(base_url)}, login {cc.login_url(base_url)}")
    if parts.scheme != "https":
        print("warning: the base URL is not https; LMSs launch tools over TLS only", file=sys.stderr)
    _bank_note(course)
    return 0


def _bank_note(course) -> None:
    """Say which drills today's item bank cannot fill yet (the course still imports)."""
    from curriculum.bank import default_bank

    bank = default_bank()
    short: dict[str, int] = {}
    for activity in course.activities:
        if activity.kind != "jlpt_drill":
            continue
        level, types = activity.settings["level"], set(activity.settings["item_types"])
        found = sum(1 for item in bank.select(level) if item.type.value in types)
        if found < activity.settings["item_count"]:
            label = f"{level} {activity.title.split(': ', 1)[-1].lower()}"
            short[label] = found
    if short:
        listed = ", ".join(f"{label} ({n})" for label, n in short.items())
        print(f"note: the bank has fewer questions than a round asks for in: {listed}")


def main(argv: list[str] | None = None) -> int:
    """Run ``export`` alone (for tests and scripts): ``python -m course_exports.commands olx ...``."""
    top = argparse.ArgumentParser(prog="nihongo")
    register(top.add_subparsers(dest="command", required=True))
    args = top.parse_args(["export", *(argv if argv is not None else sys.argv[1:])])
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
