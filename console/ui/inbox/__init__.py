"""The inbox view: ticket table model over the store, view selector and search."""
