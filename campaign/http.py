from django.conf import settings


def client_ip(request) -> str:
    """The visitor's IP address, trusting only as many X-Forwarded-For hops as we run proxies.

    Each proxy appends the address it received the request from, so with N trusted proxies
    the client is the N-th address from the right; anything further left is client-supplied
    and can be forged.
    """
    hops = settings.TRUSTED_PROXY_COUNT
    if hops > 0:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return request.META.get("REMOTE_ADDR", "")
