"""The Support API contract (schemas shared by client and server) and the async client."""
