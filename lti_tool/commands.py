"""``nihongo lti ...``: the LTI tool's keys and the platforms it trusts."""

from __future__ import annotations

import sys
from datetime import datetime, timezone

from curriculum.terminal import table as _table
from curriculum.terminal import when as _when


def cmd_lti_keys(args) -> int:
    from lti_tool.operations import key_rows

    rows = [[k.kid, _when(k.created_at), "yes" if k.active else "no", "yes" if k.signing else ""]
            for k in key_rows()]
    print("\n".join(_table(["kid", "created", "active", "signing"], rows)))
    return 0


def cmd_lti_rotate_keys(args) -> int:
    from lti_tool import keys

    key = keys.rotate_keys()
    print(f"new signing key {key.kid}; older keys stay published until `nihongo lti retire-key -- KID`")
    return 0


def cmd_lti_retire_key(args) -> int:
    from lti_tool import keys
    from lti_tool.models import ToolKey

    if not ToolKey.objects.filter(kid=args.kid, active=True).exists():
        print(f"error: no published key {args.kid!r} (see `nihongo lti keys`)", file=sys.stderr)
        return 2
    try:
        keys.retire_key(args.kid)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"key {args.kid} retired: no longer in the JWKS")
    return 0


def cmd_lti_retry_scores(args) -> int:
    from lti_tool.score_queue import retry_due, summary

    run = retry_due(datetime.now(timezone.utc), include_failed=args.include_failed)
    left = summary()
    print(f"tried {run.tried} scores: {run.delivered} delivered, {run.waiting} to retry, "
          f"{run.failed} failed; now {left.pending} waiting, {left.failed} failed")
    return 0


def cmd_lti_register(args) -> int:
    from lti_tool.operations import RegistrationError, register_platform, tool_urls

    try:
        registration, created = register_platform(
            name=args.name, issuer=args.issuer, client_id=args.client_id, login_url=args.login_url,
            token_url=args.token_url, jwks_url=args.jwks_url, deployment_ids=args.deployment_id)
    except RegistrationError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"{'registered' if created else 'updated'}: {registration} client {registration.client_id}, "
          f"deployments {', '.join(registration.deployment_ids)}")
    print("Give the platform these tool URLs:")
    for label, url in tool_urls().items():
        print(f"  {label:<7}{url}")
    return 0


def cmd_lti_registration_url(args) -> int:
    from lti_tool.registration import INVITE_DAYS, invitation_url

    print(invitation_url(args.name))
    print(f"Paste it into the LMS's tool registration (Moodle: Manage tools → Tool URL) within {INVITE_DAYS} "
          "days; it works once.")
    return 0


def register(sub) -> None:
    """Add this package's commands to ``nihongo``'s subparsers."""
    lti = sub.add_parser("lti", help="the LTI 1.3 tool: its signing keys and the platforms it trusts")
    lti = lti.add_subparsers(dest="kind", required=True)
    p = lti.add_parser("keys", help="the tool's keys: kid, created, published (active), signing")
    p.set_defaults(func=cmd_lti_keys, django=True)
    p = lti.add_parser("rotate-keys", help="a new signing key; the old one stays in the JWKS until retired")
    p.set_defaults(func=cmd_lti_rotate_keys, django=True)
    p = lti.add_parser("retire-key", help="stop publishing a key (never the signing key)")
    p.add_argument("kid")
    p.set_defaults(func=cmd_lti_retire_key, django=True)
    p = lti.add_parser("register", help="add or update (same issuer + client ID) a platform; prints our URLs")
    p.add_argument("--name", required=True)
    p.add_argument("--issuer", required=True)
    p.add_argument("--client-id", required=True)
    p.add_argument("--login-url", required=True, help="the platform's OIDC auth URL")
    p.add_argument("--token-url", required=True, help="the platform's access token URL")
    p.add_argument("--jwks-url", required=True, help="the platform's public keyset URL")
    p.add_argument("--deployment-id", required=True, action="append", help="repeat for several")
    p.set_defaults(func=cmd_lti_register, django=True)
    p = lti.add_parser("retry-scores", help="send the scores waiting for a platform (cron: every 5 min)")
    p.add_argument("--include-failed", action="store_true", help="also try once more the scores given up")
    p.set_defaults(func=cmd_lti_retry_scores, django=True)
    p = lti.add_parser("registration-url", help="a one-time URL (7 days) for LTI Dynamic Registration")
    p.add_argument("--name", default="", help="the registration's name, e.g. \"Moodle (Kagoshima)\"")
    p.set_defaults(func=cmd_lti_registration_url, django=True)
