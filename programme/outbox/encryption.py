"""AES-encrypted zip files (WinZip AES-256, which 7-Zip, macOS and Windows 11 open) via pyzipper."""

from __future__ import annotations

import io
import secrets

import pyzipper

#: No 0/O or 1/l/I: the password is read out or typed from another channel.
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"


def new_password(rng: secrets.SystemRandom | None = None, length: int = 16) -> str:
    rng = rng or secrets.SystemRandom()
    return "".join(rng.choice(ALPHABET) for _ in range(length))


def encrypted_zip(files: dict[str, bytes], password: str) -> bytes:
    """The ``files`` (name → content) in one AES-256 encrypted zip."""
    if len(password) < 12:
        raise ValueError("The zip password must have at least 12 characters.")
    stream = io.BytesIO()
    with pyzipper.AESZipFile(stream, "w", compression=pyzipper.ZIP_DEFLATED,
                             encryption=pyzipper.WZ_AES) as archive:
        archive.setpassword(password.encode())
        archive.setencryption(pyzipper.WZ_AES, nbits=256)
        for name, content in sorted(files.items()):
            archive.writestr(name, content)
    return stream.getvalue()


def read_encrypted_zip(data: bytes, password: str) -> dict[str, bytes]:
    """What ``encrypted_zip`` packed; a wrong password raises RuntimeError."""
    with pyzipper.AESZipFile(io.BytesIO(data)) as archive:
        archive.setpassword(password.encode())
        return {name: archive.read(name) for name in archive.namelist()}


def is_encrypted_zip(data: bytes) -> bool:
    """Every member of the zip is encrypted (flag bit 0): a plain zip is not an encrypted attachment."""
    try:
        with pyzipper.AESZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            return bool(infos) and all(info.flag_bits & 0x1 for info in infos)
    except (pyzipper.BadZipFile, ValueError):
        return False
