"""The model letter addressed to the Kazakhstan embassy in a supporter's country."""

from dataclasses import dataclass
from urllib.parse import quote

from django_countries import countries

from petitions.models import Embassy, Petition, PetitionSettings


def mailto_url(*, to: str, subject: str, body: str) -> str:
    """A ``mailto:`` URL per RFC 6068: every reserved character percent-encoded (spaces as
    ``%20``, never ``+``) and line breaks as CRLF (``%0D%0A``)."""
    body = body.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")
    return (
        f"mailto:{quote(to, safe='@')}"
        f"?subject={quote(subject, safe='')}&body={quote(body, safe='')}"
    )


@dataclass(frozen=True)
class Letter:
    country: str
    recipient: str
    email: str
    postal_address: str
    subject: str
    text: str
    is_example: bool
    is_fallback: bool

    @property
    def mailto(self) -> str:
        return mailto_url(to=self.email, subject=self.subject, body=self.text)


def letter_for(petition: Petition, country: str | None) -> Letter | None:
    """The petition's letter addressed for ``country`` (an ISO code), or None without a
    letter. Unknown countries and countries without an embassy get the fallback address."""
    if not petition.letter_body:
        return None
    code = (country or "").upper()
    embassy = Embassy.objects.filter(country=code).first() if code in countries else None
    if embassy:
        recipient, email = embassy.name, embassy.email
        postal, is_example, is_fallback = embassy.postal_address, embassy.is_example, False
    else:
        site = PetitionSettings.load()
        recipient, email = site.fallback_embassy_name, site.fallback_embassy_email
        postal, is_example, is_fallback = "", False, True
    return Letter(
        country=code if code in countries else "",
        recipient=recipient,
        email=email,
        postal_address=postal,
        subject=petition.letter_subject or petition.title,
        # The greeting is the editor's, in the letter's language: nothing is added to it.
        # The last line break leaves the cursor under the closing, for the signer's name.
        text=petition.letter_body.strip() + "\n",
        is_example=is_example,
        is_fallback=is_fallback,
    )
