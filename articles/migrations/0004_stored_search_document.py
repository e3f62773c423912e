import django.contrib.postgres.search
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

OLD_EXPRESSION_INDEX = "articles_search_idx"
DOCUMENT_INDEX = "articles_search_document_idx"


def _expression_index():
    vector = (
        SearchVector("title", weight="A", config="english")
        + SearchVector("standfirst", weight="B", config="english")
        + SearchVector("body", weight="C", config="english")
    )
    return GinIndex(vector, name=OLD_EXPRESSION_INDEX)


def store_documents(apps, schema_editor):
    # Kept out of the model state, like 0002's index: SQLite can build neither.
    if schema_editor.connection.vendor != "postgresql":
        return
    Article = apps.get_model("articles", "Article")
    schema_editor.remove_index(Article, _expression_index())
    Article.objects.update(
        search_document=SearchVector("title", weight="A", config="english")
        + SearchVector("standfirst", weight="B", config="english")
        + SearchVector("body", weight="C", config="english")
    )
    schema_editor.add_index(Article, GinIndex(fields=["search_document"], name=DOCUMENT_INDEX))


def drop_documents_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    Article = apps.get_model("articles", "Article")
    schema_editor.remove_index(Article, GinIndex(fields=["search_document"], name=DOCUMENT_INDEX))
    schema_editor.add_index(Article, _expression_index())


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_content_language"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="search_document",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(store_documents, drop_documents_index),
    ]
