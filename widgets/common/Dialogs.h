#pragma once

#include <QMessageBox>
#include <QString>

// The one wrapper for modal questions. Everything that asks the user goes through here so tests can answer
// ahead of time with setNextAnswer() (as KeePassXC's MessageBox does), instead of a modal box blocking the test.
class Dialogs {
public:
    // Asks a yes/no style question; returns the button chosen. `buttons` defaults to Yes|No.
    // `labels` renames buttons ("Save and Push" for Save) where the standard text would not say what happens.
    static QMessageBox::StandardButton question(QWidget* parent, const QString& title, const QString& text,
        QMessageBox::StandardButtons buttons = QMessageBox::Yes | QMessageBox::No,
        QMessageBox::StandardButton defaultButton = QMessageBox::No,
        const QList<QPair<QMessageBox::StandardButton, QString>>& labels = {});
    // A question about something destructive: the confirming button is labelled `confirmText` (e.g. "Delete"),
    // the default is Cancel. Returns true when confirmed.
    static bool confirmDestructive(
        QWidget* parent, const QString& title, const QString& text, const QString& confirmText);
    static void information(QWidget* parent, const QString& title, const QString& text);
    static void warning(QWidget* parent, const QString& title, const QString& text);
    static void critical(QWidget* parent, const QString& title, const QString& text);

    // Asks for one line of text; returns false when cancelled.
    static bool getText(QWidget* parent, const QString& title, const QString& label, QString* text);
    // The same for a secret (a passphrase): typed characters are not shown. Answered ahead by setNextText().
    static bool getSecret(QWidget* parent, const QString& title, const QString& label, QString* text);
    // The same with a check box under the field (`checkText`, e.g. "Remember in the keychain"), its state in and
    // out through *checked. Answered ahead by setNextText() and setNextChecked().
    static bool getSecret(QWidget* parent, const QString& title, const QString& label, QString* text,
        const QString& checkText, bool* checked);

    // The next dialog is not shown and returns `button` instead (NoButton clears). One answer per dialog.
    static void setNextAnswer(QMessageBox::StandardButton button);
    // The next getText() is not shown and answers `text` (a null QString answers "cancelled").
    static void setNextText(const QString& text);
    // The check box of the next getSecret() answered ahead (false unless set; one answer per dialog).
    static void setNextChecked(bool checked);
    // The check box text of the last getSecret() with one (for tests that check what was offered).
    static QString lastCheckText();
    // How many dialogs were answered ahead of time or shown (for tests that check a question was asked).
    static int askedCount();
    // The text of the last question asked (shown or answered ahead), for tests that check what was asked.
    static QString lastText();

private:
    static QMessageBox::StandardButton run(QWidget* parent, QMessageBox::Icon icon, const QString& title,
        const QString& text, QMessageBox::StandardButtons buttons, QMessageBox::StandardButton defaultButton,
        const QList<QPair<QMessageBox::StandardButton, QString>>& labels = {});
};
