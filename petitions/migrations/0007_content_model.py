"""Petitions become ``core.models.Content``. Whether a petition's page is public is now its
``publication`` (with ``published_at``, which takes over ``opens_at``: an open petition was
hidden until then), separate from whether it takes signatures, its ``status``, now only
open or closed. Every row keeps its meaning: a draft becomes an unpublished petition that
takes signatures once published; an open or closed one is published from its old opening
time (or from now), and its image is the lead image every content type has."""

import core.images
from django.db import migrations, models
from django.db.models.functions import Coalesce
from django.utils import timezone


def publication_from_status(apps, schema_editor):
    Petition = apps.get_model("petitions", "Petition")
    opened = Coalesce(
        models.F("opens_at"), models.Value(timezone.now(), output_field=models.DateTimeField())
    )
    Petition.objects.exclude(status="draft").update(publication="published", published_at=opened)
    Petition.objects.filter(status="draft").update(
        publication="draft", status="open", published_at=models.F("opens_at")
    )


def status_from_publication(apps, schema_editor):
    Petition = apps.get_model("petitions", "Petition")
    Petition.objects.update(opens_at=models.F("published_at"))
    Petition.objects.filter(publication="draft").update(status="draft")


class Migration(migrations.Migration):
    dependencies = [
        ("petitions", "0006_editors_no_longer_see_signatures"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="petition", name="petition_closes_after_it_opens"),
        migrations.RenameField(model_name="petition", old_name="image", new_name="lead_image"),
        migrations.RenameField(
            model_name="petition", old_name="image_alt", new_name="lead_image_alt"
        ),
        migrations.RenameField(
            model_name="petition", old_name="image_width", new_name="lead_image_width"
        ),
        migrations.RenameField(
            model_name="petition", old_name="image_height", new_name="lead_image_height"
        ),
        migrations.AddField(
            model_name="petition",
            name="publication",
            field=models.CharField(default="draft", max_length=20),
        ),
        migrations.AddField(
            model_name="petition",
            name="published_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(publication_from_status, status_from_publication, elidable=False),
        migrations.RemoveField(model_name="petition", name="opens_at"),
        migrations.AlterField(
            model_name='petition',
            name='lead_image',
            field=core.images.RenditionImageField(blank=True, height_field='lead_image_height', upload_to=core.images.UploadTo('petitions'), verbose_name='image', width_field='lead_image_width'),
        ),
        migrations.AlterField(
            model_name='petition',
            name='publication',
            field=models.CharField(choices=[('draft', 'Draft'), ('published', 'Published')], default='draft', help_text='Drafts are seen only by logged-in editors (use “View on site” to preview). Published pages appear from their publication date.', max_length=20, verbose_name='publication'),
        ),
        migrations.AlterField(
            model_name='petition',
            name='published_at',
            field=models.DateTimeField(blank=True, help_text='A future date schedules the page: it stays hidden until then. Left empty, it is set when the page is published.', null=True, verbose_name='publication date'),
        ),
        migrations.AlterField(
            model_name='petition',
            name='status',
            field=models.CharField(choices=[('open', 'Open'), ('closed', 'Closed')], default='open', help_text="An open petition takes signatures once it is published; the list's actions close it or open it again.", max_length=20, verbose_name='signing'),
        ),
        migrations.AddConstraint(
            model_name='petition',
            constraint=models.CheckConstraint(condition=models.Q(('publication', 'draft'), ('published_at__isnull', False), _connector='OR'), name='petitions_petition_published_has_date', violation_error_message='A published page needs a publication date.'),
        ),
    ]
