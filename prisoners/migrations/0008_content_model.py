"""Prisoner profiles become ``core.models.Content``: the photo is the lead image every
content type has (its columns renamed, so no file is lost; it still shows only with
consent), the "published" tick becomes the ``publication`` state (ticked profiles are
published, the others drafts), and the translation constraints take the names every
content type's have."""

import core.images
from django.db import migrations, models


def publication_from_tick(apps, schema_editor):
    Prisoner = apps.get_model("prisoners", "Prisoner")
    Prisoner.objects.filter(is_published=True).update(publication="published")
    Prisoner.objects.exclude(is_published=True).update(publication="draft")


def tick_from_publication(apps, schema_editor):
    Prisoner = apps.get_model("prisoners", "Prisoner")
    Prisoner.objects.filter(publication="published").update(is_published=True)


class Migration(migrations.Migration):
    dependencies = [
        ("prisoners", "0007_content_types_from_campaign"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="prisoner", name="prisoner_listing_idx"),
        migrations.RemoveConstraint(
            model_name="prisoner", name="campaign_prisoner_one_translation_per_language"
        ),
        migrations.RemoveConstraint(
            model_name="prisoner", name="campaign_prisoner_not_a_translation_of_itself"
        ),
        migrations.RenameField(model_name="prisoner", old_name="photo", new_name="lead_image"),
        migrations.RenameField(
            model_name="prisoner", old_name="photo_alt", new_name="lead_image_alt"
        ),
        migrations.RenameField(
            model_name="prisoner", old_name="photo_width", new_name="lead_image_width"
        ),
        migrations.RenameField(
            model_name="prisoner", old_name="photo_height", new_name="lead_image_height"
        ),
        migrations.AddField(
            model_name="prisoner",
            name="publication",
            field=models.CharField(default="draft", max_length=20),
        ),
        migrations.RunPython(publication_from_tick, tick_from_publication, elidable=False),
        migrations.RemoveField(model_name="prisoner", name="is_published"),
        migrations.AlterField(
            model_name='prisoner',
            name='lead_image',
            field=core.images.RenditionImageField(blank=True, height_field='lead_image_height', help_text='Shown only when “consent to publish” is ticked. A recognisable photo can expose the person and their family to reprisals.', upload_to=core.images.UploadTo('prisoners'), verbose_name='photo', width_field='lead_image_width'),
        ),
        migrations.AlterField(
            model_name='prisoner',
            name='publication',
            field=models.CharField(choices=[('draft', 'Draft'), ('published', 'Published')], default='draft', help_text='Drafts are seen only by logged-in editors (use “View on site” to preview). Published pages appear from their publication date.', max_length=20, verbose_name='publication'),
        ),
        migrations.AlterField(
            model_name='prisoner',
            name='published_at',
            field=models.DateTimeField(blank=True, help_text='A future date schedules the page: it stays hidden until then. Left empty, it is set when the page is published.', null=True, verbose_name='publication date'),
        ),
        migrations.AddIndex(
            model_name='prisoner',
            index=models.Index(condition=models.Q(('publication', 'published')), fields=['-is_urgent', 'name', 'id'], name='prisoner_listing_idx'),
        ),
        migrations.AddConstraint(
            model_name='prisoner',
            constraint=models.UniqueConstraint(fields=('translation_of', 'language'), name='prisoners_prisoner_one_translation_per_language', violation_error_message='The original already has a translation in this language.'),
        ),
        migrations.AddConstraint(
            model_name='prisoner',
            constraint=models.CheckConstraint(condition=models.Q(('translation_of', models.F('pk')), _negated=True), name='prisoners_prisoner_not_a_translation_of_itself'),
        ),
        migrations.AddConstraint(
            model_name='prisoner',
            constraint=models.CheckConstraint(condition=models.Q(('publication', 'draft'), ('published_at__isnull', False), _connector='OR'), name='prisoners_prisoner_published_has_date', violation_error_message='A published page needs a publication date.'),
        ),
    ]
