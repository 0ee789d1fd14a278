"""Signals of the app's own, for writes Django sends none for."""

from django.dispatch import Signal

# Sent after claims are stored in one batch (bulk_create sends no post_save), with `claims`:
# the stored Claim objects, in the same transaction.
claims_created = Signal()

# Sent before claims are deleted in one batch, with `claims`: the Claim objects about to go, in
# the same transaction. Receivers that count deletions can count the batch at once here; Django
# still sends post_delete for each of them afterwards.
claims_deleting = Signal()

# Sent after such a batch delete, whether it succeeded or raised, with the same `claims`: the
# receivers forget the batch (a delete that failed and rolled back leaves nothing behind).
claims_deleted = Signal()
