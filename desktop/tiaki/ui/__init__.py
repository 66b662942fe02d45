"""PySide6 widgets, Qt models and dialogs. Thin: they call core and store and decide nothing a rule decides."""
