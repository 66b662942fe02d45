"""Small touches that keep every control named for screen readers."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QAbstractButton, QDialogButtonBox, QWidget, QWizard


def _plain(text: str) -> str:
    return text.replace("&&", "\x00").replace("&", "").replace("\x00", "&")


def name_buttons(buttons: Iterable[QAbstractButton]) -> None:
    """Give buttons an accessible name from their visible text (without the mnemonic ampersand)."""
    for button in buttons:
        if button.text():
            button.setAccessibleName(_plain(button.text()))


def name_button_box(box: QDialogButtonBox) -> None:
    name_buttons(box.buttons())


def name_wizard_buttons(wizard: QWizard) -> None:
    which = (QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton, QWizard.WizardButton.CommitButton,
             QWizard.WizardButton.FinishButton, QWizard.WizardButton.CancelButton, QWizard.WizardButton.HelpButton)
    name_buttons(wizard.button(w) for w in which)


def named(widget: QWidget, name: str, description: str = "") -> QWidget:
    widget.setAccessibleName(name)
    if description:
        widget.setAccessibleDescription(description)
    return widget
