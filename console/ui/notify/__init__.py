"""Notifications: in-app toasts and the system tray."""
