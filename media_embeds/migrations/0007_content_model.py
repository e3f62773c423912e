"""Videos become ``core.models.Content``: the poster is the lead image every content type
has (its columns renamed, so no file is lost), and the "published" tick becomes the
``publication`` state: ticked videos are published, the others drafts."""

import core.images
from django.db import migrations, models


def publication_from_tick(apps, schema_editor):
    Video = apps.get_model("media_embeds", "Video")
    Video.objects.filter(is_published=True).update(publication="published")
    Video.objects.exclude(is_published=True).update(publication="draft")


def tick_from_publication(apps, schema_editor):
    Video = apps.get_model("media_embeds", "Video")
    Video.objects.filter(publication="published").update(is_published=True)


class Migration(migrations.Migration):
    dependencies = [
        ("media_embeds", "0006_poster_help_says_when_thumbnail_is_copied"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="video", name="video_published_idx"),
        migrations.RenameField(model_name="video", old_name="poster", new_name="lead_image"),
        migrations.RenameField(
            model_name="video", old_name="poster_alt", new_name="lead_image_alt"
        ),
        migrations.RenameField(
            model_name="video", old_name="poster_width", new_name="lead_image_width"
        ),
        migrations.RenameField(
            model_name="video", old_name="poster_height", new_name="lead_image_height"
        ),
        migrations.AddField(
            model_name="video",
            name="publication",
            field=models.CharField(default="draft", max_length=20),
        ),
        migrations.RunPython(publication_from_tick, tick_from_publication, elidable=False),
        migrations.RemoveField(model_name="video", name="is_published"),
        migrations.AlterField(
            model_name='video',
            name='lead_image',
            field=core.images.RenditionImageField(blank=True, height_field='lead_image_height', help_text="Shown until the visitor presses play. Leave empty to copy the provider's thumbnail into our own media when the video is added or its link changes; if that fails a neutral poster is shown.", upload_to=core.images.UploadTo('videos'), verbose_name='poster image', width_field='lead_image_width'),
        ),
        migrations.AlterField(
            model_name='video',
            name='publication',
            field=models.CharField(choices=[('draft', 'Draft'), ('published', 'Published')], default='draft', help_text='Drafts are seen only by logged-in editors (use “View on site” to preview). Published pages appear from their publication date.', max_length=20, verbose_name='publication'),
        ),
        migrations.AlterField(
            model_name='video',
            name='published_at',
            field=models.DateTimeField(blank=True, help_text='A future date schedules the page: it stays hidden until then. Left empty, it is set when the page is published.', null=True, verbose_name='publication date'),
        ),
        migrations.AddIndex(
            model_name='video',
            index=models.Index(condition=models.Q(('publication', 'published')), fields=['-published_at', '-id'], name='video_published_idx'),
        ),
        migrations.AddConstraint(
            model_name='video',
            constraint=models.CheckConstraint(condition=models.Q(('publication', 'draft'), ('published_at__isnull', False), _connector='OR'), name='media_embeds_video_published_has_date', violation_error_message='A published page needs a publication date.'),
        ),
    ]
