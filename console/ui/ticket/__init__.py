"""The ticket view: header, conversation, customer panel, reply box."""
