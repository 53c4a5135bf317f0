"""Questions in the app's own words: a message box whose buttons say what they do ("Simpan
sebagai draf", "Buang perubahan", "Kembali ke formulir") instead of Qt's Save / Discard / Cancel.

The answer is still the standard button's value, so callers compare it as with
``QMessageBox.question``; the tests' ``boxes`` fixture records these questions as it records
the static ones.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QMessageBox, QWidget

Button = QMessageBox.StandardButton


def ask(
    parent: QWidget | None,
    kind: str,
    title: str,
    text: str,
    *,
    choices: Sequence[tuple[Button, str]],
    default: Button,
) -> Button:
    """Shows ``text`` with one button per choice (its standard role, the app's label) and
    returns the standard button chosen; Esc answers ``default``'s escape, the last choice that
    is a Cancel (or ``default``)."""
    box = build(parent, kind, title, text, choices=choices, default=default)
    box.exec()
    clicked = box.clickedButton()
    for button, _label in choices:
        if box.button(button) is clicked:
            return button
    return box.standardButton(box.escapeButton()) if box.escapeButton() is not None else default


def build(
    parent: QWidget | None,
    kind: str,
    title: str,
    text: str,
    *,
    choices: Sequence[tuple[Button, str]],
    default: Button,
) -> QMessageBox:
    icons = {
        "question": QMessageBox.Icon.Question,
        "warning": QMessageBox.Icon.Warning,
        "information": QMessageBox.Icon.Information,
        "critical": QMessageBox.Icon.Critical,
    }
    box = QMessageBox(
        icons.get(kind, QMessageBox.Icon.NoIcon), title, text, QMessageBox.StandardButton.NoButton, parent
    )
    for button, label in choices:
        box.addButton(button)
        b = box.button(button)
        if b is not None:
            b.setText(label)
    box.setDefaultButton(default)
    escape = next((b for b, _l in reversed(choices) if b == QMessageBox.StandardButton.Cancel), default)
    box.setEscapeButton(escape)
    return box
