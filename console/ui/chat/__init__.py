"""Live chat: the agent's chats page, offers, the conversation and its composer (issue 4)."""
