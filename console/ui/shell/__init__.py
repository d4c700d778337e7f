"""The main window shell: navigation rail, settings page, status bar."""
