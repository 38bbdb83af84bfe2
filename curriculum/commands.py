"""``nihongo content | bank``: check, export, sample for review and rebuild the item bank (no Django)."""

from __future__ import annotations

import sys
from pathlib import Path


def cmd_content_check(args) -> int:
    from curriculum.content_check import check, format_counts

    report = check()
    print(format_counts(report))
    for problem in report.problems:
        print(f"problem: {problem}", file=sys.stderr)
    if report.problems:
        print(f"{len(report.problems)} problems: fix them and run again", file=sys.stderr)
        return 1
    print("content check passed")
    return 0


def cmd_content_export(args) -> int:
    from curriculum.content_check import check, export

    report = check()
    if report.problems:
        print(f"{len(report.problems)} problems: run `nihongo content check` first", file=sys.stderr)
        return 1
    text = export(report)
    if args.out:
        Path(args.out).write_text(text + "\n", encoding="utf-8")
        print(f"wrote {len(report.items)} items to {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(text + "\n")
    return 0


def cmd_content_sample(args) -> int:
    from curriculum.bank import default_bank
    from curriculum.content_review import sample, sheet

    if args.per_level < 1:
        print("--per-level must be at least 1", file=sys.stderr)
        return 2
    bank = default_bank()
    text = sheet(sample(bank, args.seed, args.per_level, only=tuple(args.type or ()),
                        generated_only=args.generated), bank)
    if args.out:
        Path(args.out).write_text(text + "\n", encoding="utf-8")
        print(f"wrote the review sheet to {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(text + "\n")
    return 0


def cmd_content_build_audio(args) -> int:
    # build time only: Open JTalk and opus-tools are needed here, never at run time
    from curriculum.build_audio import AudioBuildError, build, default_cache

    try:
        manifest = build(cache=Path(args.cache) if args.cache else default_cache(), force=args.force,
                         only=set(args.only) if args.only else None, mei_voice=args.mei_voice,
                         workers=args.workers,
                         say=(lambda line: print(line, file=sys.stderr)) if args.verbose else print_total)
    except AudioBuildError as exc:
        print(f"build-audio: {exc}", file=sys.stderr)
        return 1
    sizes = sorted(entry["bytes"] for key, entry in manifest["files"].items()
                   if not key.startswith("dialect/"))
    total = sum(entry["bytes"] for entry in manifest["files"].values())
    if sizes:
        print(f"{len(sizes)} listening scripts: median {sizes[len(sizes) // 2]} bytes, max {sizes[-1]}; "
              f"{len(manifest['files']) - len(sizes)} dialect lines; {total} bytes in all")
    return 0


def cmd_content_check_readings(args) -> int:
    # build time only, like build-audio: asks Open JTalk how it reads every script and dialect line
    from curriculum.build_audio import AudioBuildError, all_jobs, check_readings

    jobs = [job for job in all_jobs() if not args.only or any(job.key.startswith(k) for k in args.only)]
    try:
        found = check_readings(jobs, workers=args.workers)
    except AudioBuildError as exc:
        print(f"check-readings: {exc}", file=sys.stderr)
        return 1
    for key, text, problems in found:
        print(f"{key}: {'; '.join(problems)}\n    {text}")
    print(f"{len(jobs)} scripts and dialect lines checked, {len({k for k, _t, _p in found})} misread")
    return 1 if found else 0


def cmd_content_build_forms(args) -> int:
    from curriculum import forms
    from curriculum.bank import default_bank

    bank = default_bank()
    refill = frozenset(tuple(pair.split(":", 1)) for pair in args.refill or ())
    built = forms.build(bank, {} if args.fresh else forms.read(), refill)
    for path in forms.write(built):
        print(f"wrote {path}")
    report = forms.check(bank, built)
    print(forms.format_report(report))
    return 0


def print_total(line: str) -> None:
    if " built, " in line:
        print(line)


def cmd_bank_build(args) -> int:
    from curriculum.build import build
    from curriculum.generate import DROPPED

    for name, count in build().items():
        detail = ", ".join(f"{t} {n}" for t, n in sorted(count.items()))
        print(f"{name}: {sum(count.values())} items ({detail})")
    for reason, count in sorted(DROPPED.items()):
        print(f"left out: {count} {reason}")
    return 0


def register(sub) -> None:
    """Add this package's commands to ``nihongo``'s subparsers."""
    content = sub.add_parser("content", help="check or export the item bank")
    content = content.add_subparsers(dest="kind", required=True)
    p = content.add_parser("check", help="validate every item; print counts per level and type")
    p.set_defaults(func=cmd_content_check, django=False)
    p = content.add_parser("export", help="the whole bank as a JSON list")
    p.add_argument("--format", choices=["json"], default="json")
    p.add_argument("--out", help="write to this file instead of standard output")
    p.set_defaults(func=cmd_content_export, django=False)
    p = content.add_parser("sample", help="a stratified random sample of the bank as a review sheet")
    p.add_argument("--seed", type=int, required=True, help="the same seed prints the same sheet")
    p.add_argument("--per-level", type=int, default=60, help="items per level (default 60)")
    p.add_argument("--type", action="append", metavar="TYPE",
                   help="only items of this type (e.g. contextual_meaning); repeat for several")
    p.add_argument("--generated", action="store_true", help="only generated items (the generators' review)")
    p.add_argument("--out", help="write to this file instead of standard output")
    p.set_defaults(func=cmd_content_sample, django=False)
    p = content.add_parser("build-audio", help="synthesize the listening scripts and dialect lines "
                           "(Open JTalk; rebuilds only what changed)")
    p.add_argument("--force", action="store_true",
                   help="rebuild every file (the same input gives the same bytes)")
    p.add_argument("--only", nargs="+", metavar="KEY", help="rebuild these manifest keys (script IDs, "
                   "dialect/<expression>/<line>)")
    p.add_argument("--mei-voice", help="mei_normal.htsvoice to use instead of fetching the pyopenjtalk sdist")
    p.add_argument("--cache", help="where the fetched voice is kept (default: var/audio-build)")
    p.add_argument("--workers", type=int, default=1, help="files synthesized at once (default 1)")
    p.add_argument("--verbose", action="store_true", help="one line per file built")
    p.set_defaults(func=cmd_content_build_audio, django=False)
    p = content.add_parser("check-readings", help="list what Open JTalk misreads in the listening scripts "
                           "and dialect lines (times, counters, place names…), with the furigana to write")
    p.add_argument("--only", nargs="+", metavar="PREFIX", help="check these manifest keys or key prefixes "
                   "(n4-, n3-script-task-8, dialect/)")
    p.add_argument("--workers", type=int, default=2, help="Open JTalk runs at once (default 2)")
    p.set_defaults(func=cmd_content_check_readings, django=False)

    p = content.add_parser("build-forms", help="write mock-test forms A, B and C of every level "
                           "(curriculum/content/forms): stored forms keep their items, new content "
                           "fills gaps")
    p.add_argument("--fresh", action="store_true",
                   help="ignore the stored forms and assemble them again (changes learners' forms)")
    p.add_argument("--refill", nargs="+", metavar="LEVEL:TYPE",
                   help="choose these parts again in the forms that are short there (e.g. N4:text_grammar "
                        "once passages of four blanks exist); other parts keep their items")
    p.set_defaults(func=cmd_content_build_forms, django=False)

    bank = sub.add_parser("bank", help="the item bank").add_subparsers(dest="kind", required=True)
    p = bank.add_parser("build", help="rebuild curriculum/content from the open datasets")
    p.set_defaults(func=cmd_bank_build, django=False)
