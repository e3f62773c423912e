"""Signature link tokens: the secret in a signer's confirm and withdraw links, made and
checked as every emailed link's are (``core.tokens``)."""

from core.tokens import LinkTokens, NewToken, hash_token

SIGNATURE_TOKENS = LinkTokens("petitions.signature-token")

new_token = SIGNATURE_TOKENS.new
token_from_seed = SIGNATURE_TOKENS.from_seed
current_token = SIGNATURE_TOKENS.current

__all__ = ["NewToken", "current_token", "hash_token", "new_token", "token_from_seed"]
