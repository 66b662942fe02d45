"""About Tiaki and its security, in plain words, including what it cannot protect against."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from tiaki import __version__
from tiaki.store.session import Session
from tiaki.ui.accessibility import name_button_box


class AboutDialog(QDialog):
    def __init__(self, session: Session | None, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About Tiaki and security"))
        self.setAccessibleName(self.tr("About Tiaki and security"))
        self.resize(620, 560)
        layout = QVBoxLayout(self)
        self.text = QTextBrowser(self)
        self.text.setAccessibleName(self.tr("About and security information"))
        self.text.setOpenExternalLinks(False)
        entries = session.audit.count() if session is not None and session.is_open else None
        self.text.setMarkdown(self.describe(data_dir, entries))
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        name_button_box(buttons)
        layout.addWidget(buttons)

    def describe(self, data_dir: Path, audit_entries: int | None) -> str:
        parts = [
            self.tr("# Tiaki {version}").format(version=__version__),
            self.tr("Tiaki keeps client records on this computer, encrypted, and records who looked at or "
                    "changed them."),
            self.tr("**Data directory:** `{path}`").format(path=str(data_dir)),
            self.tr("## What is encrypted"),
            self.tr("The whole database — every client record, note, worker and the audit log — is encrypted "
                    "(SQLCipher, AES-256) with a random data key. Its journal is encrypted too. Without a "
                    "passphrase or the recovery key, the files are unreadable."),
            self.tr("## Passphrases and the recovery key"),
            self.tr("The data key is never stored as it is. Each worker's passphrase unlocks their own copy of "
                    "it (a \"key slot\"), protected by Argon2id, which makes guessing slow. Changing a passphrase "
                    "rewrites only that worker's slot. The organisation's recovery key is one more slot: it opens "
                    "the store if a passphrase is forgotten, and then sets a new passphrase. Keep it on paper, "
                    "somewhere safe, away from the laptop."),
            self.tr("## Audit log"),
            self.tr("Every view and change is recorded in a hash-chained log with signed checkpoints. "
                    "Tools → Verify log checks it and names the first altered entry."),
        ]
        if audit_entries is not None:
            parts.append(self.tr("The log holds {n} entries.").format(n=audit_entries))
        parts += [
            self.tr("## Honest limits"),
            self.tr("- While Tiaki is unlocked, records are in this computer's memory. Python cannot reliably "
                    "wipe text from memory, so locking forgets the key but some text may linger until it is "
                    "overwritten."),
            self.tr("- Roles are enforced by Tiaki. A worker who has a passphrase could still read the whole "
                    "database with their own tools: give passphrases only to people who may see every record "
                    "on this computer."),
            self.tr("- The audit chain shows any altered or removed entry in the middle, but a cut-off tail "
                    "looks like a shorter, valid log unless a copy of a later checkpoint is kept elsewhere."),
            self.tr("- Tiaki locks itself after a few idle minutes; lock it yourself (Ctrl+L) when you step away."),
        ]
        return "\n\n".join(parts)
