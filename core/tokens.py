"""Link tokens: the secret in a link emailed to someone (a signer's confirm and withdraw
links, a follower's confirm link).

Only a token's hash is stored, so a database leak confirms or withdraws nobody. The email
task gets the random seed a token is made from, never the token: the task queue lives in the
database too, and without SECRET_KEY a seed does not give the token. Each kind of link has
its own salt, so a token made for one kind never works as another.
"""

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.utils.crypto import salted_hmac


@dataclass(frozen=True)
class NewToken:
    """A link token, the random seed it is made from, and the hash we keep."""

    seed: str
    token: str
    hash: str


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class LinkTokens:
    """The tokens of one kind of link, told apart from other kinds by ``salt``."""

    salt: str

    def from_seed(self, seed: str, *, secret: str | None = None) -> str:
        """The 256-bit link token a seed makes with SECRET_KEY (or ``secret``)."""
        digest = salted_hmac(self.salt, seed, secret=secret, algorithm="sha256").digest()
        return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()

    def new(self) -> NewToken:
        seed = secrets.token_urlsafe(32)
        token = self.from_seed(seed)
        return NewToken(seed=seed, token=token, hash=hash_token(token))

    def current(self, *, seed: str, token_hash: str | None) -> str | None:
        """The token ``seed`` makes if it is still the link, else None (a newer link
        replaced it). The keys in SECRET_KEY_FALLBACKS are tried too, so rotating SECRET_KEY
        does not void the emails still waiting in the queue."""
        for secret in (settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS):
            token = self.from_seed(seed, secret=secret)
            if token_hash and hmac.compare_digest(hash_token(token), token_hash):
                return token
        return None
