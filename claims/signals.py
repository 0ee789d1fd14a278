"""Signals of the app's own, for writes Django sends none for."""

from django.dispatch import Signal

# Sent after claims are stored in one batch (bulk_create sends no post_save), with `claims`:
# the stored Claim objects, in the same transaction.
claims_created = Signal()
