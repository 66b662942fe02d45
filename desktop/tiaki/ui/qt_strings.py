"""Words Qt itself shows in Tiaki's windows, marked so that lupdate puts them in every tiaki_<lang>.ts under Qt's
own translation contexts: the standard dialog buttons, the set-up wizard's buttons, a tab bar's scroll arrows
(read out by screen readers) and the right-click menus of text fields and spin boxes.

Qt ships translations of these for many languages but not for te reo Māori, so without them a Māori interface
would still say "Cancel". Qt asks ``QCoreApplication.translate("QPlatformTheme", "Cancel")``; an installed
Tiaki translator answers that as it answers Tiaki's own texts. The sources must equal Qt's exactly
(tests/gui/test_pseudo_locale.py shows each one translated where Qt uses it). Nothing reads these values.
"""

from __future__ import annotations

from tiaki.ui.labels import QT_TRANSLATE_NOOP

QT_STRINGS: tuple[tuple[str, str], ...] = (
    # QDialogButtonBox and QMessageBox standard buttons (QPlatformTheme::defaultStandardButtonText).
    ("QPlatformTheme", QT_TRANSLATE_NOOP("QPlatformTheme", "OK")),
    ("QPlatformTheme", QT_TRANSLATE_NOOP("QPlatformTheme", "Cancel")),
    ("QPlatformTheme", QT_TRANSLATE_NOOP("QPlatformTheme", "Close")),
    ("QPlatformTheme", QT_TRANSLATE_NOOP("QPlatformTheme", "&Yes")),
    ("QPlatformTheme", QT_TRANSLATE_NOOP("QPlatformTheme", "&No")),
    ("QPlatformTheme", QT_TRANSLATE_NOOP("QPlatformTheme", "Save")),
    ("QPlatformTheme", QT_TRANSLATE_NOOP("QPlatformTheme", "Discard")),
    # The same buttons under GNOME's platform theme.
    ("QGnomeTheme", QT_TRANSLATE_NOOP("QGnomeTheme", "&OK")),
    ("QGnomeTheme", QT_TRANSLATE_NOOP("QGnomeTheme", "&Cancel")),
    ("QGnomeTheme", QT_TRANSLATE_NOOP("QGnomeTheme", "&Close")),
    ("QGnomeTheme", QT_TRANSLATE_NOOP("QGnomeTheme", "&Save")),
    ("QGnomeTheme", QT_TRANSLATE_NOOP("QGnomeTheme", "Close without Saving")),
    # The set-up wizard's buttons (its Finish button says "Open Tiaki" in Tiaki's own words).
    ("QWizard", QT_TRANSLATE_NOOP("QWizard", "< &Back")),
    ("QWizard", QT_TRANSLATE_NOOP("QWizard", "&Next >")),
    ("QWizard", QT_TRANSLATE_NOOP("QWizard", "Cancel")),
    ("QWizard", QT_TRANSLATE_NOOP("QWizard", "Go Back")),
    ("QWizard", QT_TRANSLATE_NOOP("QWizard", "Continue")),
    # A tab bar with more tabs than room: its scroll arrows' accessible names.
    ("QTabBar", QT_TRANSLATE_NOOP("QTabBar", "Scroll Left")),
    ("QTabBar", QT_TRANSLATE_NOOP("QTabBar", "Scroll Right")),
    # Right-click menus of one-line text fields, multi-line text and spin boxes.
    ("QLineEdit", QT_TRANSLATE_NOOP("QLineEdit", "&Undo")),
    ("QLineEdit", QT_TRANSLATE_NOOP("QLineEdit", "&Redo")),
    ("QLineEdit", QT_TRANSLATE_NOOP("QLineEdit", "Cu&t")),
    ("QLineEdit", QT_TRANSLATE_NOOP("QLineEdit", "&Copy")),
    ("QLineEdit", QT_TRANSLATE_NOOP("QLineEdit", "&Paste")),
    ("QLineEdit", QT_TRANSLATE_NOOP("QLineEdit", "Delete")),
    ("QLineEdit", QT_TRANSLATE_NOOP("QLineEdit", "Select All")),
    ("QWidgetTextControl", QT_TRANSLATE_NOOP("QWidgetTextControl", "&Undo")),
    ("QWidgetTextControl", QT_TRANSLATE_NOOP("QWidgetTextControl", "&Redo")),
    ("QWidgetTextControl", QT_TRANSLATE_NOOP("QWidgetTextControl", "Cu&t")),
    ("QWidgetTextControl", QT_TRANSLATE_NOOP("QWidgetTextControl", "&Copy")),
    ("QWidgetTextControl", QT_TRANSLATE_NOOP("QWidgetTextControl", "Copy &Link Location")),
    ("QWidgetTextControl", QT_TRANSLATE_NOOP("QWidgetTextControl", "&Paste")),
    ("QWidgetTextControl", QT_TRANSLATE_NOOP("QWidgetTextControl", "Delete")),
    ("QWidgetTextControl", QT_TRANSLATE_NOOP("QWidgetTextControl", "Select All")),
    ("QAbstractSpinBox", QT_TRANSLATE_NOOP("QAbstractSpinBox", "&Step up")),
    ("QAbstractSpinBox", QT_TRANSLATE_NOOP("QAbstractSpinBox", "Step &down")),
)
