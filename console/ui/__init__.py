"""The PySide6 user interface: the shell window, one package per view, shared widgets.

The only package that imports Qt. Views read the store and emit intents; `session` wires them
to the sync engine, `launcher` decides between the saved session and the sign-in dialog.
"""
