"""critica: an open-source film review aggregator."""
