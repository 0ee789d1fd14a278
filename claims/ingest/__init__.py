"""Getting articles in: storing them, batch imports and feeds, safe fetching, storing their claims."""
