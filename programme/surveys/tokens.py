"""The signed token in a survey link: it names the survey and the respondent, so it cannot be guessed or
reused for another survey. Made with ``django.core.signing`` (the site's SECRET_KEY)."""

from __future__ import annotations

from dataclasses import dataclass

from django.core import signing

SALT = "programme.surveys.link"


class BadToken(ValueError):
    """The token was not made by us, or not for this survey."""


@dataclass(frozen=True)
class Respondent:
    survey_id: str
    company_id: int
    learner_id: int | None = None

    @property
    def key(self) -> str:
        """One response per key and survey."""
        return f"learner:{self.learner_id}" if self.learner_id else f"company:{self.company_id}"


def make(respondent: Respondent) -> str:
    return signing.dumps({"s": respondent.survey_id, "c": respondent.company_id, "l": respondent.learner_id},
                         salt=SALT, compress=True)


def read(survey_id: str, token: str) -> Respondent:
    """The respondent a token names; :class:`BadToken` when forged, altered or for another survey."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        raise BadToken("the link is not valid") from None
    if not isinstance(data, dict) or data.get("s") != survey_id:
        raise BadToken("the link is for another survey")
    return Respondent(survey_id=survey_id, company_id=data["c"], learner_id=data.get("l"))
