from django.db import migrations, models

GREETINGS = ("dear", "to ", "your excellency", "уважаем", "құрметті")


def keep_the_english_greeting_in_the_text(apps, schema_editor):
    """Letters were sent with a greeting added above them; it is now the editor's to write.
    An English letter keeps the greeting it went out with, written into its text, so nothing
    a supporter sends changes. Russian and Kazakh letters had an English greeting on top by
    mistake: they get none."""
    site = apps.get_model("petitions", "PetitionSettings").objects.first()
    greeting = site.fallback_salutation.strip() if site else "Dear Sir or Madam,"
    if not greeting:
        return
    Petition = apps.get_model("petitions", "Petition")
    for petition in Petition.objects.filter(language="en").exclude(letter_body=""):
        if petition.letter_body.lstrip().lower().startswith(GREETINGS):
            continue
        petition.letter_body = f"{greeting}\n\n{petition.letter_body.strip()}\n"
        petition.save(update_fields=["letter_body"])


class Migration(migrations.Migration):
    dependencies = [
        ("petitions", "0010_countries_named_from_cldr"),
    ]

    operations = [
        migrations.RunPython(keep_the_english_greeting_in_the_text, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="embassy",
            name="salutation",
        ),
        migrations.RemoveField(
            model_name="petitionsettings",
            name="fallback_salutation",
        ),
        migrations.AlterField(
            model_name="petition",
            name="letter_body",
            field=models.TextField(
                blank=True,
                help_text="Plain text, greeting included (“Dear Ambassador,”), in the petition's language: supporters send it as it is.",
                verbose_name="model letter",
            ),
        ),
    ]
