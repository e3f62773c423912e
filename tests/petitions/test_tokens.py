"""Link tokens: only a hash is kept, a seed gives the token only with the secret key."""

from petitions.tokens import current_token, hash_token, new_token, token_from_seed


def test_a_new_token_is_made_from_its_seed_and_kept_only_as_a_hash():
    token = new_token()

    assert token.token == token_from_seed(token.seed)
    assert token.hash == hash_token(token.token)
    assert token.token not in token.hash and token.seed not in token.hash
    assert len(token.token) >= 43  # 256 bits, URL-safe base64 without padding


def test_without_the_secret_key_a_seed_gives_another_token():
    seed = new_token().seed

    assert token_from_seed(seed, secret="another-key") != token_from_seed(seed)


def test_the_seed_gives_the_token_while_it_is_still_the_signatures_link():
    token = new_token()

    assert current_token(seed=token.seed, token_hash=token.hash) == token.token
    assert current_token(seed=token.seed, token_hash=new_token().hash) is None
    assert current_token(seed=token.seed, token_hash=None) is None


def test_a_seed_made_before_the_secret_key_was_rotated_still_gives_its_token(settings):
    token = new_token()
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-secret-key"

    assert current_token(seed=token.seed, token_hash=token.hash) == token.token
