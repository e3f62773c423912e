import re
import unicodedata
from collections import defaultdict

from django.db import migrations
from django.db.models import F, Q

# A frozen copy of petitions.services.normalise_email as this migration introduced it: the
# rule may change again later, and this migration must keep doing what it did.
_INVISIBLE_CATEGORIES = {"Cf", "Cc", "Co", "Cs", "Cn", "Zl", "Zp"}
_DEFAULT_IGNORABLE = {
    0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x3164, 0xFFA0,
    *range(0x180B, 0x1810), *range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0),
}  # fmt: skip


def _invisible(char):
    return unicodedata.category(char) in _INVISIBLE_CATEGORIES or ord(char) in _DEFAULT_IGNORABLE


def normalise_email(email):
    email = unicodedata.normalize("NFKC", email)
    email = "".join(char for char in email if not _invisible(char)).strip()
    local, _, domain = email.rpartition("@")
    if len(local) >= 2 and local[0] == local[-1] == '"':
        local = re.sub(r"\\(.)", r"\1", local[1:-1])
    local = local.lower().split("+", 1)[0]
    domain = domain.rstrip(".")
    try:
        domain = domain.encode("idna").decode("ascii").lower()
    except UnicodeError:
        domain = domain.lower()
    if domain in {"gmail.com", "googlemail.com"}:
        local = local.replace(".", "")
        domain = "gmail.com"
    return f"{local}@{domain}"


def renormalise(apps, schema_editor):
    """Give stored signatures the new one-form-per-mailbox key. Addresses that now turn out
    to be one mailbox keep one signature: a confirmed one before an unconfirmed one, then
    the earliest; the count loses the confirmed ones removed (``recount_signatures`` would
    find the same)."""
    Signature = apps.get_model("petitions", "Signature")
    SignatureCountSlot = apps.get_model("petitions", "SignatureCountSlot")
    changed = defaultdict(list)
    rows = Signature.objects.exclude(email_normalised="").values_list(
        "pk", "petition_id", "email", "email_normalised"
    )
    for pk, petition_id, email, stored in rows.iterator():
        new = normalise_email(email)
        if new != stored:
            changed[(petition_id, new)].append(pk)
    removed_from_count = defaultdict(int)
    for (petition_id, new), pks in changed.items():
        same_mailbox = list(
            Signature.objects.filter(
                Q(petition_id=petition_id, email_normalised=new) | Q(pk__in=pks)
            ).order_by("created_at", "pk")
        )
        keeper = next(
            (row for row in same_mailbox if row.state == "confirmed"), same_mailbox[0]
        )
        for row in same_mailbox:
            if row.pk != keeper.pk:
                if row.state == "confirmed":
                    removed_from_count[petition_id] += 1
                row.delete()
        if keeper.email_normalised != new:
            Signature.objects.filter(pk=keeper.pk).update(email_normalised=new)
    for petition_id, removed in removed_from_count.items():
        SignatureCountSlot.objects.filter(petition_id=petition_id, slot=0).update(
            count=F("count") - removed
        )


class Migration(migrations.Migration):
    dependencies = [
        ("petitions", "0007_content_model"),
    ]

    operations = [
        migrations.RunPython(renormalise, migrations.RunPython.noop, elidable=True),
    ]
