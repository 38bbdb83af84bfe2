"""``nihongo purge``: erase personal data with proof (O11), and the certificate that proves it.

The programme's data is erased by ``programme.erasure``; the LTI tool's records of the same people (names the
LMS sent; for the whole programme every per-learner record) here, at the composition root that knows both.
The certificate lists what was erased, when, by whom and why, what remains and where copies may still exist
(backups until they rotate out, files operators wrote), and is signed with the tool's current RSA key: anyone
can check it against the public key published at ``/lti/jwks/`` (``nihongo purge verify``).
"""

from __future__ import annotations

import base64
import json
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

from curriculum.japan_time import PROGRAMME_TZ


@dataclass(frozen=True)
class Certificate:
    facts: dict
    signature: str
    kid: str

    def document(self) -> dict:
        return {
            "certificate": self.facts,
            "signature": {"alg": "RS256", "kid": self.kid, "value": self.signature},
        }


def _canonical(facts: dict) -> bytes:
    return json.dumps(facts, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def _erase_tool_records(subjects: list[str], everything: bool) -> Counter:
    from lti_tool.models import (
        ActivityResult,
        ActivityState,
        AnswerRecord,
        DrillProgress,
        LaunchRecord,
        ScoreRecord,
    )

    done: Counter = Counter()
    if everything:
        for model in (ActivityState, ActivityResult, AnswerRecord, DrillProgress, ScoreRecord, LaunchRecord):
            done[f"LTI tool: {model._meta.verbose_name_plural} deleted"] = model.objects.all().delete()[0]
        return done
    done["LTI tool: launch names erased"] = (
        LaunchRecord.objects.filter(subject__in=subjects).exclude(name="").update(name="")
    )
    return done


def purge(
    company_ids: list[int] | None, *, by: str, reason: str, now: datetime, backup_keep_days: int = 14
) -> Certificate:
    """Erase, then sign and return the certificate. ``company_ids=None``: the whole programme."""
    from django.db import transaction

    from lti_tool import keys
    from programme import erasure

    if not by.strip() or not reason.strip():
        raise ValueError(
            "a purge needs --by (who) and --reason (why: the contract's end, the company's request)"
        )
    with transaction.atomic():
        subjects = erasure.learner_subjects(company_ids)
        done = erasure.erase(company_ids)
        done.update(_erase_tool_records(subjects, company_ids is None))
    local = now.astimezone(PROGRAMME_TZ)
    facts = {
        "title": "個人情報消去証明書 (Certificate of erasure of personal data)",
        "scope": "the whole programme" if company_ids is None else f"companies {sorted(company_ids)}",
        "erased_at": local.isoformat(timespec="seconds"),
        "erased_by": by.strip(),
        "reason": reason.strip(),
        "erased": dict(sorted((k, v) for k, v in done.items())),
        "kept": "company and learner rows under a pseudonym (login IDs, study days, scores) for the reports "
        "and the five-year records (O12); no names, contacts, nationality, residence status, addresses "
        "or free texts",
        "copies": [
            f"database backups made before {local:%Y-%m-%d} still hold the data until rotated out "
            f"(by {(local + timedelta(days=backup_keep_days)):%Y-%m-%d} with --keep {backup_keep_days}); "
            "restoring one of them requires running this purge again",
            "credentials packets and reports written to operators' folders (nihongo accounts issue --out, "
            "nihongo report): delete them and note it here by hand",
            "the host LMS's own accounts: delete them in the LMS (Open edX: retire the users)",
        ],
    }
    key = keys.signing_key()
    private = serialization.load_pem_private_key(key.private_pem.encode(), password=None)
    signature = private.sign(_canonical(facts), padding.PKCS1v15(), hashes.SHA256())
    return Certificate(facts, base64.b64encode(signature).decode(), key.kid)


def verify(document: dict) -> bool:
    """True when the certificate's signature matches one of the tool's published keys."""
    from cryptography.exceptions import InvalidSignature

    from lti_tool.models import ToolKey

    sig = document.get("signature", {})
    key = ToolKey.objects.filter(kid=sig.get("kid")).first()
    if key is None:
        return False
    public = serialization.load_pem_public_key(key.public_pem.encode())
    try:
        public.verify(
            base64.b64decode(sig.get("value", "")),
            _canonical(document["certificate"]),
            padding.PKCS1v15(),
            hashes.SHA256(),
        )
    except (InvalidSignature, ValueError):
        return False
    return True


def certificate_pdf(cert: Certificate) -> bytes:
    from programme.pdf import escape, render, table

    f = cert.facts
    body = (
        f"<h1>{escape(f['title'])}</h1>"
        f"<p>対象 (scope): {escape(f['scope'])}<br>消去日時 (erased at, Japan time): {escape(f['erased_at'])}"
        f"<br>実施者 (by): {escape(f['erased_by'])}<br>理由 (reason): {escape(f['reason'])}</p>"
        "<h2>消去した個人情報 (what was erased)</h2>"
        + table(["内容 (what)", "件数 (rows)"], [[k, v] for k, v in f["erased"].items()], numeric={1})
        + f"<h2>残るもの (what remains)</h2><p>{escape(f['kept'])}</p>"
        "<h2>複製の所在 (where copies may remain)</h2><ul>"
        + "".join(f"<li>{escape(c)}</li>" for c in f["copies"])
        + "</ul>"
        '<h2>電子署名 (signature)</h2><p class="muted">RS256 over the certificate\'s JSON (sorted keys), '
        f"key {escape(cert.kid)} published at /lti/jwks/; check with <code>nihongo purge verify</code>.</p>"
        f'<p class="sig">{escape(cert.signature)}</p>'
    )
    return render(body, f["title"])


def write(cert: Certificate, out: Path, now: datetime) -> tuple[Path, Path]:
    out.mkdir(parents=True, exist_ok=True)
    stem = out / f"erasure-certificate-{now.astimezone(PROGRAMME_TZ):%Y%m%d-%H%M%S}"
    json_path, pdf_path = stem.with_suffix(".json"), stem.with_suffix(".pdf")
    json_path.write_text(json.dumps(cert.document(), ensure_ascii=False, indent=1), encoding="utf-8")
    pdf_path.write_bytes(certificate_pdf(cert))
    return json_path, pdf_path
