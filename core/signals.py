from django.dispatch import Signal

# Sent by ``core.services`` once content was published or moved back to draft in bulk,
# which an update() does without post_save. Arguments: ``sender`` (the content model),
# ``pks`` (the rows changed) and ``publication`` (their new state).
publication_changed = Signal()
