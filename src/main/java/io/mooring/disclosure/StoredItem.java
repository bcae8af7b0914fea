package io.mooring.disclosure;

import java.time.OffsetDateTime;
import java.util.List;

/** An item as stored: content still sealed, with its grants. */
record StoredItem(long id, long orgId, long ownerId, ItemKind kind, byte[] sealed, OffsetDateTime updatedAt, List<Grant> grants) {}
