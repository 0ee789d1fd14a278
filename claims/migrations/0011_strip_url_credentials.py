"""Remove user names and passwords from addresses stored before they were refused at the door."""

from django.db import migrations

from claims.ingest.urls import url_without_credentials


def strip_credentials(apps, schema_editor):
    Article = apps.get_model("claims", "Article")
    for article in Article.objects.filter(url__contains="@").only("pk", "url", "canonical_url").iterator():
        clean = url_without_credentials(article.url)
        if clean == article.url:
            continue
        # The same page stored again without credentials keeps the address; this copy loses it.
        article.url = "" if Article.objects.filter(url=clean).exclude(pk=article.pk).exists() else clean
        article.canonical_url = url_without_credentials(article.canonical_url)
        article.save(update_fields=["url", "canonical_url"])
    for article in Article.objects.filter(canonical_url__contains="@").only("pk", "canonical_url").iterator():
        Article.objects.filter(pk=article.pk).update(canonical_url=url_without_credentials(article.canonical_url))
    for name in ("ImportItem", "Evidence"):
        model = apps.get_model("claims", name)
        for row in model.objects.filter(url__contains="@").only("pk", "url").iterator():
            model.objects.filter(pk=row.pk).update(url=url_without_credentials(row.url))
    Feed = apps.get_model("claims", "Feed")
    for feed in Feed.objects.filter(url__contains="@").only("pk", "url").iterator():
        clean = url_without_credentials(feed.url)
        if not Feed.objects.filter(url=clean).exclude(pk=feed.pk).exists():
            Feed.objects.filter(pk=feed.pk).update(url=clean)


class Migration(migrations.Migration):
    dependencies = [("claims", "0010_article_match_state")]

    operations = [migrations.RunPython(strip_credentials, migrations.RunPython.noop)]
