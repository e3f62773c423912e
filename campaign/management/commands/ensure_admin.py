import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django_otp import user_has_device


class Command(BaseCommand):
    help = (
        "Make sure the superuser `admin` exists. Its password comes from ADMIN_PASSWORD, "
        "else a random one is made and printed once, when the user is created."
    )

    def handle(self, *args, **options):
        User = get_user_model()
        password = os.environ.get("ADMIN_PASSWORD", "")
        user = User.objects.filter(username="admin").first()
        if user is None:
            generated = not password
            password = password or secrets.token_urlsafe(12)
            User.objects.create_superuser("admin", email="", password=password)
            shown = password if generated else "(the value of ADMIN_PASSWORD)"
            self.stdout.write(
                self.style.SUCCESS(f"Admin login created: user `admin`, password {shown}")
            )
        elif password:
            user.set_password(password)
            user.save(update_fields=["password"])
            self.stdout.write("Admin login `admin`: password set from ADMIN_PASSWORD.")
        else:
            self.stdout.write(
                "Admin login `admin` already exists; its password is unchanged. Forgot it? "
                "Set a new one with `.venv/bin/python manage.py changepassword admin`, "
                "or run `ADMIN_PASSWORD=… make run`."
            )
        if not user_has_device(User.objects.get(username="admin")):
            self.stdout.write(
                "Two-factor login: at the first login leave the authentication code empty; "
                "the admin then shows how to set up an authenticator app."
            )
