"""A writer's letter: the model letter, their own line and name, to one target."""

from dataclasses import dataclass

from actions.models import LetterAction, LetterTarget
from core.letters import mailto_url
from core.registry import LetterRecipient, embassy_for


@dataclass(frozen=True)
class AddressedLetter:
    target: LetterTarget
    recipient: LetterRecipient
    subject: str
    text: str

    @property
    def mailto(self) -> str:
        return mailto_url(to=self.recipient.email, subject=self.subject, body=self.text)


def recipient_for(target: LetterTarget, country: str) -> LetterRecipient:
    if target.kind == LetterTarget.Kind.EMBASSY:
        embassy = embassy_for(country)
        if embassy is not None:
            return embassy
        return LetterRecipient(name=target.label, email="", is_fallback=True)
    return LetterRecipient(
        name=target.name, email=target.email, postal_address=target.postal_address
    )


def compose(*, action: LetterAction, name: str, personal_line: str = "") -> str:
    """The model letter signed by the writer: their own line, if any, before their name."""
    parts = [action.letter_body.strip()]
    if personal_line.strip():
        parts.append(personal_line.strip())
    parts.append(name.strip())
    return "\n\n".join(parts) + "\n"


def letters_for(
    *, action: LetterAction, targets, country: str, name: str, personal_line: str = ""
) -> list[AddressedLetter]:
    text = compose(action=action, name=name, personal_line=personal_line)
    return [
        AddressedLetter(
            target=target,
            recipient=recipient_for(target, country),
            subject=action.letter_subject,
            text=text,
        )
        for target in targets
    ]
