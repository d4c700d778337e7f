"""Pure domain: entities and rules shared by the client and the reference server. No Qt, no I/O."""
