"""The model letter addressed to the Kazakhstan embassy in a supporter's country."""

from dataclasses import dataclass

from django_countries import countries

from core.letters import mailto_url
from core.registry import LetterRecipient
from petitions.models import Embassy, Petition, PetitionSettings


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


def embassy_recipient(country: str | None) -> LetterRecipient:
    """The directory's embassy for ``country`` (an ISO code); unknown countries and
    countries without an embassy get the fallback address from the petition settings."""
    code = (country or "").upper()
    embassy = Embassy.objects.filter(country=code).first() if code in countries else None
    if embassy:
        return LetterRecipient(
            name=embassy.name,
            email=embassy.email,
            postal_address=embassy.postal_address,
            is_example=embassy.is_example,
        )
    site = PetitionSettings.load()
    return LetterRecipient(
        name=site.fallback_embassy_name, email=site.fallback_embassy_email, is_fallback=True
    )


def letter_for(petition: Petition, country: str | None) -> Letter | None:
    """The petition's letter addressed for ``country`` (an ISO code), or None without a
    letter. Unknown countries and countries without an embassy get the fallback address."""
    if not petition.letter_body:
        return None
    code = (country or "").upper()
    embassy = embassy_recipient(code)
    return Letter(
        country=code if code in countries else "",
        recipient=embassy.name,
        email=embassy.email,
        postal_address=embassy.postal_address,
        subject=petition.letter_subject or petition.title,
        # The greeting is the editor's, in the letter's language: nothing is added to it.
        # The last line break leaves the cursor under the closing, for the signer's name.
        text=petition.letter_body.strip() + "\n",
        is_example=embassy.is_example,
        is_fallback=embassy.is_fallback,
    )
