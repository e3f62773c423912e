"""What every letter a supporter sends needs, whichever app offers it."""

from urllib.parse import quote


def mailto_url(*, to: str, subject: str, body: str) -> str:
    """A ``mailto:`` URL per RFC 6068: every reserved character percent-encoded (spaces as
    ``%20``, never ``+``) and line breaks as CRLF (``%0D%0A``)."""
    body = body.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")
    return (
        f"mailto:{quote(to, safe='@')}"
        f"?subject={quote(subject, safe='')}&body={quote(body, safe='')}"
    )
