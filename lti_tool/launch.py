"""OIDC login and launch validation: PyLTI1p3's checks, plus the ones it leaves out.

PyLTI1p3 2.0.0 checks state, signature, registration, deployment and the message claims. It does
not require ``exp``/``iat``, never consumes the nonce (a captured form replays), and does not
compare the ``target_link_uri`` claim with the login's, and ignores ``azp`` (it takes the first
audience as the client ID). ``HardenedMessageLaunch`` adds those.
"""

from __future__ import annotations

import hashlib
import time

from django.core.cache import cache
from pylti1p3.contrib.django import DjangoMessageLaunch, DjangoOIDCLogin
from pylti1p3.exception import LtiException

from . import services
from .claims import LTI, client_id_of

#: Refuse id_tokens issued longer ago than this, even if their ``exp`` is later.
MAX_TOKEN_AGE_SECONDS = 600


class HardenedMessageLaunch(DjangoMessageLaunch):
    """A launch that needs ``exp``, ``iat`` and ``nonce``, is fresh, matches its login and runs once."""

    clock = staticmethod(time.time)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # PyJWT checks exp/iat when present; "require" makes them mandatory.
        self.set_jwt_verify_options({"verify_aud": False, "require": ["exp", "iat", "nonce"]})

    def get_client_id(self) -> str:
        """PyLTI1p3 takes the first audience; with several, ``azp`` says which one is the client."""
        return client_id_of(self._get_jwt_body())

    def validate_registration(self):
        # Before the registration lookup, so a bad audience gets its own message; it only refuses.
        self._check_audience(self._get_jwt_body())
        super().validate_registration()
        return self

    def validate_message(self):
        super().validate_message()
        body = self._get_jwt_body()
        self._check_age(body)
        self._check_target_link_uri(body)
        self._consume_nonce(body)
        return self

    def _check_audience(self, body: dict) -> None:
        """1EdTech Security Framework §5.1.3 items 3-5: ``aud`` holds us; several audiences need ``azp``."""
        aud, azp = body.get("aud"), body.get("azp")
        audiences = aud if isinstance(aud, list) else [aud]
        if not audiences or not all(isinstance(a, str) and a for a in audiences):
            raise LtiException("The launch token has no valid audience (aud).")
        if len(audiences) > 1 and not azp:
            raise LtiException("The launch token names several audiences (aud) "
                               "but no authorized party (azp).")
        client_id = self.get_client_id()
        if client_id not in audiences:
            raise LtiException(f"The launch token's audience (aud) does not contain "
                               f"the client ID {client_id!r}.")
        if azp is not None and azp != client_id:
            raise LtiException(f"The launch token's authorized party (azp) {azp!r} is not among "
                               f"its audiences or is not this tool's client ID.")

    def _check_age(self, body: dict) -> None:
        if self.clock() - body["iat"] > MAX_TOKEN_AGE_SECONDS:
            raise LtiException("The launch token is too old.")

    def _check_target_link_uri(self, body: dict) -> None:
        login = self.get_params_from_login() or {}
        if login.get("target_link_uri") != body.get(LTI + "target_link_uri"):
            raise LtiException("The launch is for another address than the login asked for.")

    def _consume_nonce(self, body: dict) -> None:
        # Runs after the signature check, so a forged token cannot burn someone's nonce.
        digest = hashlib.sha256(f"{body['iss']}\n{body['nonce']}".encode()).hexdigest()
        lifetime = max(int(body["exp"] - self.clock()), 0) + 60
        if not cache.add(f"lti-nonce-used-{digest}", True, timeout=lifetime):
            raise LtiException("This launch was already used: start it again from your course.")


def start_login(request, target_link_uri: str):
    """The redirect to the platform's auth endpoint; remembers the target for the launch check."""
    oidc = DjangoOIDCLogin(request, services.tool_conf(), launch_data_storage=services.launch_storage())
    return oidc.pass_params_to_launch({"target_link_uri": target_link_uri}).redirect(target_link_uri)


def validate(request) -> HardenedMessageLaunch:
    """The validated launch, or an exception saying what is wrong."""
    ml = HardenedMessageLaunch(request, services.tool_conf(), launch_data_storage=services.launch_storage(),
                               requests_session=services.http_session())
    ml.get_launch_data()
    if not ml.is_resource_launch():
        raise LtiException("This tool only handles resource link launches.")
    return ml


def restore(request, launch_id: str) -> HardenedMessageLaunch:
    """A launch saved by ``validate``; in HTTPS mode only for the browser that launched it."""
    return HardenedMessageLaunch.from_cache(launch_id, request, services.tool_conf(),
                                            launch_data_storage=services.launch_storage(),
                                            requests_session=services.http_session())
