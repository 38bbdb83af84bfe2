"""OIDC login and launch validation: PyLTI1p3's checks, plus the ones it leaves out.

PyLTI1p3 2.0.0 checks state, signature, registration, deployment and the message claims. It does
not require ``exp``/``iat``, allows no clock leeway, never consumes the nonce (a captured form
replays), does not compare the ``target_link_uri`` claim with the login's, ignores ``azp`` (it takes
the first audience as the client ID), accepts ``roles`` as a string, a deep-linking request without
a return URL, and key headers (``jku``/``jwk``) it then ignores. Over plain HTTP its cache keys are
global: behind a TLS proxy without ``SECURE_PROXY_SSL_HEADER`` a captured form would replay from
any browser. ``HardenedMessageLaunch`` adds all of those checks, and says in plain words what failed.
"""

from __future__ import annotations

import hashlib
import time

import jwt
from django.core.cache import cache
from pylti1p3.contrib.django import DjangoMessageLaunch, DjangoOIDCLogin
from pylti1p3.exception import LtiException

from . import platform_cache, services
from .claims import LTI, client_id_of

#: Refuse id_tokens issued longer ago than this, even if their ``exp`` is later.
MAX_TOKEN_AGE_SECONDS = 600
#: Clock difference tolerated between the platform and the tool for ``exp``, ``iat`` and ``nbf``.
LEEWAY_SECONDS = 60
#: The only signature algorithm a platform may use (LTI certification guide §4.2: no symmetric ones).
ALGORITHMS = ("RS256",)
#: Header parameters that name a key of the token's own choosing (RFC 7515 §4.1); never trusted.
KEY_HEADERS = ("jku", "jwk", "x5u", "x5c")
DL_SETTINGS = "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"
RESOURCE_LINK_REQUEST = "LtiResourceLinkRequest"

#: PyLTI1p3's and PyJWT's terse messages (matched anywhere), said so a teacher or operator can act.
EXPLAINED = (
    ("State not found", "This launch was not started in this browser (unknown state). "
                        "Open the activity from your course again."),
    ("Missing state param", "The launch has no state. Open the activity from your course again."),
    ("Missing %s cookie", "This browser did not start this launch (its session cookie is missing). "
                          "If your browser blocks third-party cookies, open the activity in a new window."),
    ("Missing id_token", "The launch has no id_token: it did not come from your course."),
    ("Invalid Nonce", "The launch token's nonce was not issued by this tool."),
    ('"nonce" is empty', "The launch token has no nonce."),
    ("JWT KID not found", "The launch token names no signing key (kid)."),
    ("Unable to find public key", "The launch token is signed with a key the platform has not published "
                                  "(unknown kid)."),
    ("Invalid id_token", "The launch token is not a signed JWT."),
    ("Invalid JWT format", "The launch token is not a signed JWT."),
    ("Unable to find deployment", "The platform's deployment is not registered with the tool."),
    ("Invalid message type", "The launch token has no message type."),
    ("Unrecognized message type", "The launch token's message type is not one this tool handles."),
    ("Incorrect version", "The launch token is not LTI 1.3.0 (version claim)."),
    ("Must have a user", "The launch token names no user (sub)."),
    ("Missing Roles Claim", "The launch token has no roles claim."),
    ("Missing Resource Link Id", "The launch token has no resource link id."),
    ("Signature verification failed", "The launch token's signature does not match the platform's key."),
    ("Signature has expired", "The launch token has expired (exp)."),
    ("is not yet valid", "The launch token is not valid yet (iat or nbf in the future): "
                         "check the platform's clock."),
    ("Token is missing the", "The launch token lacks a required claim (exp, iat or nonce)."),
    ("must be an integer", "The launch token's times (exp, iat, nbf) must be numbers."),
)


def explain(message: str) -> str:
    """A plain sentence for PyLTI1p3's message, keeping the original in brackets for operators."""
    for start, sentence in EXPLAINED:
        if start in message:
            return f"{sentence} ({message})"
    return message


def insecure_behind_tls(request) -> bool:
    """The tool's address is https:// but this request arrived as plain HTTP: a proxy not trusted."""
    return not request.is_secure() and services.base_url().startswith("https://")


INSECURE_MESSAGE = ("This request reached the tool over plain HTTP although its address is https://. "
                    "Behind a TLS proxy, set NIHONGO_BEHIND_TLS_PROXY=1 (SECURE_PROXY_SSL_HEADER).")


class HardenedMessageLaunch(DjangoMessageLaunch):
    """A launch that needs ``exp``, ``iat`` and ``nonce``, is fresh, matches its login and runs once."""

    clock = staticmethod(time.time)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # PyJWT checks exp/iat/nbf when present; "require" makes exp and iat mandatory.
        self.set_jwt_verify_options({"verify_aud": False, "require": ["exp", "iat", "nonce"]})
        # The platform's key set is kept between launches (and fetched again when its keys rotate).
        self.set_public_key_caching(services.launch_storage(), cache_lifetime=platform_cache.KEY_SET_SECONDS)

    def get_public_key(self):
        try:
            return super().get_public_key()
        except LtiException as exc:
            url = self._registration.get_key_set_url() if self._registration else None
            if "Unable to find public key" not in str(exc) or not url or getattr(self, "_refetched", False):
                raise
            # A key the kept set does not hold: the platform may have rotated its keys. Fetch once more.
            self._refetched = True
            platform_cache.forget_key_set(self._public_key_cache_data_storage, url)
            self._registration.set_key_set(None)
            return super().get_public_key()

    def get_service_connector(self):
        """Access tokens kept until they expire, not one per service call (``platform_cache``)."""
        return platform_cache.CachingServiceConnector(self._registration, self._requests_session)

    def validate(self):
        if insecure_behind_tls(self._request):
            raise LtiException(INSECURE_MESSAGE)
        try:
            return super().validate()
        except LtiException as exc:
            raise LtiException(explain(str(exc))) from exc

    def set_launch_data_storage(self, data_storage):
        # Called by the constructor: over HTTPS it refuses a browser without the login's cookie.
        try:
            return super().set_launch_data_storage(data_storage)
        except LtiException as exc:
            raise LtiException(explain(str(exc))) from exc

    def get_client_id(self) -> str:
        """PyLTI1p3 takes the first audience; with several, ``azp`` says which one is the client."""
        return client_id_of(self._get_jwt_body())

    def validate_registration(self):
        # Before the registration lookup, so a bad audience gets its own message; it only refuses.
        self._check_audience(self._get_jwt_body())
        super().validate_registration()
        return self

    def validate_jwt_signature(self):
        """PyLTI1p3's check with our header rules and a small clock leeway (it allows none)."""
        self._check_header(self._jwt.get("header") or {})
        public_key, key_alg = self.get_public_key()
        try:
            jwt.decode(self._get_id_token(), public_key, algorithms=[key_alg],
                       options=self._jwt_verify_options, leeway=LEEWAY_SECONDS)
        except jwt.InvalidTokenError as exc:
            raise LtiException(f"Can't decode id_token: {exc}") from exc
        return self

    def validate_message(self):
        body = self._get_jwt_body()
        self._check_roles(body)
        super().validate_message()
        self._check_deep_link_return(body)
        self._check_age(body)
        self._check_target_link_uri(body)
        self._consume_nonce(body)
        return self

    @staticmethod
    def _check_header(header: dict) -> None:
        """Security Framework §5.1.3 items 1 and 6: the registered key set only, RS256 only."""
        named = [h for h in KEY_HEADERS if h in header]
        if named:
            raise LtiException(f"The launch token names its own key ({', '.join(named)} header); "
                               "the tool only trusts the keys the platform registered.")
        if header.get("alg") not in ALGORITHMS:
            raise LtiException(f"The launch token's signature algorithm {header.get('alg')!r} is not "
                               f"allowed (only {', '.join(ALGORITHMS)}).")

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

    @staticmethod
    def _check_roles(body: dict) -> None:
        """LTI Core §5.3.7: a list of URIs (possibly empty); PyLTI1p3 accepts any type."""
        roles = body.get(LTI + "roles")
        if roles is not None and not (isinstance(roles, list) and all(isinstance(r, str) for r in roles)):
            raise LtiException("The launch token's roles claim must be a list of role URIs.")

    @staticmethod
    def _check_deep_link_return(body: dict) -> None:
        """A deep-linking request must say where the answer goes (LTI DL 2.0 §4.4.1)."""
        if body.get(LTI + "message_type") != "LtiDeepLinkingRequest":
            return
        url = (body.get(DL_SETTINGS) or {}).get("deep_link_return_url")
        if not isinstance(url, str) or not url.startswith(("https://", "http://")):
            raise LtiException("The deep-linking request has no return URL (deep_link_return_url).")

    def _check_age(self, body: dict) -> None:
        if self.clock() - body["iat"] > MAX_TOKEN_AGE_SECONDS:
            raise LtiException("The launch token is too old (issued more than "
                               f"{MAX_TOKEN_AGE_SECONDS // 60} minutes ago).")

    def _check_target_link_uri(self, body: dict) -> None:
        login = self.get_params_from_login() or {}
        if login.get("target_link_uri") != body.get(LTI + "target_link_uri"):
            raise LtiException("The launch is for another address than the login asked for "
                               "(target_link_uri).")

    def _consume_nonce(self, body: dict) -> None:
        # Runs after the signature check, so a forged token cannot burn someone's nonce. The key is
        # global (not per browser), so a replay is refused in plain-HTTP mode too.
        digest = hashlib.sha256(f"{body['iss']}\n{body['nonce']}".encode()).hexdigest()
        lifetime = max(int(body["exp"] - self.clock()), 0) + LEEWAY_SECONDS + MAX_TOKEN_AGE_SECONDS
        if not cache.add(f"lti-nonce-used-{digest}", True, timeout=lifetime):
            raise LtiException("This launch was already used (replayed nonce): "
                               "start it again from your course.")


def start_login(request, target_link_uri: str):
    """The redirect to the platform's auth endpoint; remembers the target for the launch check."""
    oidc = DjangoOIDCLogin(request, services.tool_conf(), launch_data_storage=services.launch_storage())
    # The platform posts the id_token to the plain launch URL (the registered redirect URI); the
    # target, query and all, is compared with the token's target_link_uri claim at launch.
    redirect_uri = target_link_uri.partition("?")[0]
    return oidc.pass_params_to_launch({"target_link_uri": target_link_uri}).redirect(redirect_uri)


def validate(request, message_types: tuple[str, ...] = (RESOURCE_LINK_REQUEST,)) -> HardenedMessageLaunch:
    """The validated launch of one of ``message_types``, or an exception saying what is wrong."""
    ml = HardenedMessageLaunch(request, services.tool_conf(), launch_data_storage=services.launch_storage(),
                               requests_session=services.http_session())
    body = ml.get_launch_data()
    if body.get(LTI + "message_type") not in message_types:
        raise LtiException("This tool only handles resource link launches here "
                           f"({', '.join(message_types)}).")
    return ml


def restore(request, launch_id: str) -> HardenedMessageLaunch:
    """A launch saved by ``validate``; in HTTPS mode only for the browser that launched it."""
    return HardenedMessageLaunch.from_cache(launch_id, request, services.tool_conf(),
                                            launch_data_storage=services.launch_storage(),
                                            requests_session=services.http_session())
