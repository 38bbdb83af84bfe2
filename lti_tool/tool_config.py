"""PyLTI1p3's tool configuration, read from ``PlatformRegistration`` rows and ``ToolKey``.

Always the list form (one issuer, many client IDs): Open edX gives every block its own client ID
under one issuer. Errors are ``LtiException`` so the views answer 403, never 500.
"""

from __future__ import annotations

from pylti1p3.deployment import Deployment
from pylti1p3.exception import LtiException
from pylti1p3.registration import Registration
from pylti1p3.tool_config.abstract import ToolConfAbstract

from . import keys
from .models import PlatformRegistration


class DbToolConf(ToolConfAbstract):
    """Registrations from the database; the newest active ``ToolKey`` signs."""

    # The base class keeps issuer types in a class-level dict shared by every instance; we never
    # use it, every issuer has many clients.
    def check_iss_has_one_client(self, iss: str) -> bool:
        return False

    def check_iss_has_many_clients(self, iss: str) -> bool:
        return True

    def find_platform(self, iss: str, client_id: str | None) -> PlatformRegistration:
        """The registration for ``iss`` and ``client_id``; without a client ID, the only one."""
        rows = PlatformRegistration.objects.filter(issuer=iss)
        if client_id:
            rows = rows.filter(client_id=client_id)
        found = list(rows[:2])
        if len(found) != 1:
            raise LtiException(f"No registration for issuer {iss!r} and client ID {client_id!r}.")
        return found[0]

    def registration(self, platform: PlatformRegistration) -> Registration:
        key = keys.signing_key()
        reg = (Registration().set_issuer(platform.issuer).set_client_id(platform.client_id)
               .set_auth_login_url(platform.auth_login_url).set_auth_token_url(platform.auth_token_url)
               .set_key_set(platform.key_set or None).set_key_set_url(platform.key_set_url or None)
               .set_tool_private_key(key.private_pem))
        # Without the public key the client assertion carries no ``kid`` and platforms refuse it.
        reg.set_tool_public_key(key.public_pem)
        if platform.auth_audience:
            reg.set_auth_audience(platform.auth_audience)
        return reg

    def find_registration_by_issuer(self, iss: str, *args, **kwargs) -> Registration:
        return self.registration(self.find_platform(iss, None))

    def find_registration_by_params(self, iss: str, client_id: str, *args, **kwargs) -> Registration:
        return self.registration(self.find_platform(iss, client_id))

    def find_deployment(self, iss: str, deployment_id: str) -> Deployment | None:
        return self.find_deployment_by_params(iss, deployment_id, None)

    def find_deployment_by_params(self, iss: str, deployment_id: str, client_id: str | None,
                                  *args, **kwargs) -> Deployment | None:
        if deployment_id not in self.find_platform(iss, client_id).deployment_ids:
            return None
        return Deployment().set_deployment_id(deployment_id)

    def get_jwks(self, iss: str | None = None, client_id: str | None = None, **kwargs) -> dict:
        """Every published key, whichever platform asks: they all share the tool's keys."""
        return keys.jwks()
