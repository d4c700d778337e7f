"""Command palette (Ctrl+K) and the keyboard shortcuts sheet."""
