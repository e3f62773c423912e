"""Every petition with a model letter gets a letter action of its own, linked from the
petition's page: same title, address, language and publication, the letter and one target,
the Kazakhstan embassy in the writer's country (what the petition's letter was addressed
to). The petition keeps its letter fields, and its pages still show the letter."""

from django.db import migrations


def create_actions(apps, schema_editor):
    Petition = apps.get_model("petitions", "Petition")
    LetterAction = apps.get_model("actions", "LetterAction")
    LetterTarget = apps.get_model("actions", "LetterTarget")
    created = {}
    # Originals first, so that a translation can point at its original's action.
    with_letters = Petition.objects.exclude(letter_body="").filter(letter_action__isnull=True)
    originals = with_letters.filter(translation_of__isnull=True).order_by("pk")
    translations = with_letters.filter(translation_of__isnull=False).order_by("pk")
    for petition in [*originals, *translations]:
        slug = petition.slug
        if LetterAction.objects.filter(slug=slug).exists():
            slug = f"{slug}-letter"[:200]
        action = LetterAction.objects.create(
            title=petition.title,
            slug=slug,
            summary=petition.summary,
            language=petition.language,
            translation_of=created.get(petition.translation_of_id),
            publication=petition.publication,
            published_at=petition.published_at,
            petition=petition,
            prisoner=petition.prisoners.order_by("pk").first(),
            letter_subject=petition.letter_subject or petition.title,
            letter_body=petition.letter_body,
        )
        created[petition.pk] = action
        if action.translation_of_id is None:
            LetterTarget.objects.create(action=action, kind="embassy")


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0001_letter_actions"),
        ("petitions", "0013_body_help_explains_videos"),
    ]

    operations = [migrations.RunPython(create_actions, migrations.RunPython.noop)]
