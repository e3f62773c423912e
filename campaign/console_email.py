"""The console mail backend of ``EMAIL_URL=consolemail://`` (what ``make run`` uses), written
for a person to read.

Django's writes each message as it would go over the wire: text with Cyrillic letters or a
line longer than 78 characters, as every confirmation email has, comes out in base64, so a
newcomer could neither read the email nor copy its confirmation link. This one writes the
same message with its text parts in plain 8-bit UTF-8 and its headers unencoded: links
stay on one line.
"""

from email import policy

from django.core.mail.backends.console import EmailBackend as DjangoConsoleBackend

READABLE = policy.default.clone(utf8=True, max_line_length=0)


class EmailBackend(DjangoConsoleBackend):
    def write_message(self, message):
        msg = message.message()
        for part in msg.walk():
            if part.get_content_maintype() == "text":
                part.set_content(
                    part.get_content(),
                    subtype=part.get_content_subtype(),
                    charset="utf-8",
                    cte="8bit",
                )
        self.stream.write(msg.as_bytes(policy=READABLE).decode("utf-8"))
        self.stream.write("\n" + "-" * 79 + "\n")
