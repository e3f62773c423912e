from django.core.management import call_command
from django.test import override_settings


def test_collectstatic_writes_hashed_and_compressed_files(settings, tmp_path):
    static_root = tmp_path / "static"
    with override_settings(
        STATIC_ROOT=static_root,
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
        },
    ):
        call_command("collectstatic", interactive=False, verbosity=0)

    hashed = list((static_root / "css").glob("site.*.css"))
    assert hashed, "a content-hashed copy of site.css"
    assert (static_root / "css" / f"{hashed[0].name}.gz").exists()
    assert (static_root / "css" / f"{hashed[0].name}.br").exists()
    assert settings.WHITENOISE_MAX_AGE >= 60 * 60 * 24 * 365
