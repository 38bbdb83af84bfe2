"""The tool's signing keys: the newest active key signs, every active key is published.

Rotation is two steps so platforms that cache our JWKS keep verifying: ``rotate_keys()`` adds a
key that signs from now on while the old one stays in the JWKS, and ``retire_key()`` removes
the old one once the platforms' caches have expired.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwcrypto.jwk import JWK

from .models import ToolKey


@dataclass(frozen=True)
class KeyPair:
    private_pem: str
    public_pem: str
    kid: str


def public_jwk(public_pem: str) -> dict:
    """The JWK the libraries derive from a PEM: ``kid`` is the RFC 7638 thumbprint."""
    jwk = json.loads(JWK.from_pem(public_pem.encode()).export_public())
    jwk.update({"alg": "RS256", "use": "sig"})
    return jwk


def generate_key() -> KeyPair:
    """A fresh RSA 2048 key pair, PEM-encoded."""
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private_pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    public_pem = private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode()
    return KeyPair(private_pem, public_pem, public_jwk(public_pem)["kid"])


def rotate_keys() -> ToolKey:
    """Add a new active key; it signs from now on, older active keys stay published."""
    pair = generate_key()
    return ToolKey.objects.create(kid=pair.kid, private_pem=pair.private_pem, public_pem=pair.public_pem)


def signing_key() -> ToolKey:
    """The newest active key, created on first use so a fresh install can launch at once."""
    key = ToolKey.objects.filter(active=True).order_by("-created_at", "-id").first()
    return key or rotate_keys()


def retire_key(kid: str) -> None:
    """Stop publishing a key. The newest active key is never retired: something must sign."""
    if signing_key().kid == kid:
        raise ValueError("Rotate first: this key still signs.")
    ToolKey.objects.filter(kid=kid).update(active=False)


def jwks() -> dict:
    """Every active public key, as served at ``/lti/jwks/``."""
    signing_key()
    return {"keys": [public_jwk(k.public_pem) for k in ToolKey.objects.filter(active=True)]}
