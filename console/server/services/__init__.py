"""Service layer: the only code that changes the database. Routes and the simulator call it."""
