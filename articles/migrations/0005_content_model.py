"""Articles become ``core.models.Content``: their draft/published ``status`` is now the
``publication`` every content type has (the same values, so every row keeps its meaning),
and the constraint and index follow the new name."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_stored_search_document"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="article", name="articles_status_date_idx"),
        migrations.RemoveConstraint(
            model_name="article", name="articles_published_article_has_date"
        ),
        migrations.RenameField(model_name="article", old_name="status", new_name="publication"),
        migrations.AlterField(
            model_name='article',
            name='publication',
            field=models.CharField(choices=[('draft', 'Draft'), ('published', 'Published')], default='draft', help_text='Drafts are seen only by logged-in editors (use “View on site” to preview). Published pages appear from their publication date.', max_length=20, verbose_name='publication'),
        ),
        migrations.AlterField(
            model_name='article',
            name='published_at',
            field=models.DateTimeField(blank=True, help_text='A future date schedules the page: it stays hidden until then. Left empty, it is set when the page is published.', null=True, verbose_name='publication date'),
        ),
        migrations.AddIndex(
            model_name='article',
            index=models.Index(fields=['publication', '-published_at'], name='articles_publication_date_idx'),
        ),
        migrations.AddConstraint(
            model_name='article',
            constraint=models.CheckConstraint(condition=models.Q(('publication', 'draft'), ('published_at__isnull', False), _connector='OR'), name='articles_article_published_has_date', violation_error_message='A published page needs a publication date.'),
        ),
    ]
