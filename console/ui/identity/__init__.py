"""Identity verification and the emergency freeze in the console: the ticket's Identity tab, the
same panel for a live chat, and the session's online-only actions behind them (issue 6)."""
