#include "Dialogs.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QInputDialog>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace {
QMessageBox::StandardButton g_nextAnswer = QMessageBox::NoButton;
QString g_lastText;
int g_asked = 0;
bool g_hasNextText = false;
QString g_nextText;
bool g_nextChecked = false;
QString g_lastCheckText;
} // namespace

QMessageBox::StandardButton Dialogs::question(QWidget* parent, const QString& title, const QString& text,
    QMessageBox::StandardButtons buttons, QMessageBox::StandardButton defaultButton,
    const QList<QPair<QMessageBox::StandardButton, QString>>& labels)
{
    return run(parent, QMessageBox::Question, title, text, buttons, defaultButton, labels);
}

bool Dialogs::confirmDestructive(QWidget* parent, const QString& title, const QString& text, const QString& confirmText)
{
    // The confirming button is an Ok button relabelled, so "Enter" does not confirm by accident: Cancel is default.
    return run(parent, QMessageBox::Warning, title, text, QMessageBox::Ok | QMessageBox::Cancel, QMessageBox::Cancel,
               { { QMessageBox::Ok, confirmText } })
        == QMessageBox::Ok;
}

void Dialogs::information(QWidget* parent, const QString& title, const QString& text)
{
    run(parent, QMessageBox::Information, title, text, QMessageBox::Ok, QMessageBox::Ok);
}

void Dialogs::warning(QWidget* parent, const QString& title, const QString& text)
{
    run(parent, QMessageBox::Warning, title, text, QMessageBox::Ok, QMessageBox::Ok);
}

void Dialogs::critical(QWidget* parent, const QString& title, const QString& text)
{
    run(parent, QMessageBox::Critical, title, text, QMessageBox::Ok, QMessageBox::Ok);
}

void Dialogs::setNextAnswer(QMessageBox::StandardButton button)
{
    g_nextAnswer = button;
}

void Dialogs::setNextText(const QString& text)
{
    g_hasNextText = true;
    g_nextText = text;
}

namespace {

bool askText(QWidget* parent, const QString& title, const QString& label, QString* text, QLineEdit::EchoMode echo)
{
    ++g_asked;
    if (g_hasNextText) {
        g_hasNextText = false;
        if (g_nextText.isNull()) {
            return false;
        }
        *text = g_nextText;
        return true;
    }
    bool ok = false;
    const QString answer = QInputDialog::getText(parent, title, label, echo, *text, &ok);
    if (ok) {
        *text = answer;
    }
    return ok;
}

} // namespace

bool Dialogs::getText(QWidget* parent, const QString& title, const QString& label, QString* text)
{
    return askText(parent, title, label, text, QLineEdit::Normal);
}

bool Dialogs::getSecret(QWidget* parent, const QString& title, const QString& label, QString* text)
{
    return askText(parent, title, label, text, QLineEdit::Password);
}

bool Dialogs::getSecret(
    QWidget* parent, const QString& title, const QString& label, QString* text, const QString& checkText, bool* checked)
{
    g_lastCheckText = checkText;
    if (g_hasNextText) {
        *checked = g_nextChecked;
        g_nextChecked = false;
        return askText(parent, title, label, text, QLineEdit::Password);
    }
    ++g_asked;
    QDialog dialog(parent);
    dialog.setWindowTitle(title);
    auto* layout = new QVBoxLayout(&dialog);
    auto* prompt = new QLabel(label, &dialog);
    prompt->setWordWrap(true);
    layout->addWidget(prompt);
    auto* field = new QLineEdit(*text, &dialog);
    field->setObjectName(QStringLiteral("secretField"));
    field->setEchoMode(QLineEdit::Password);
    layout->addWidget(field);
    auto* box = new QCheckBox(checkText, &dialog);
    box->setObjectName(QStringLiteral("secretCheck"));
    box->setChecked(*checked);
    layout->addWidget(box);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    layout->addWidget(buttons);
    dialog.resize(std::max(dialog.sizeHint().width(), 460), dialog.sizeHint().height());
    if (dialog.exec() != QDialog::Accepted) {
        return false;
    }
    *text = field->text();
    *checked = box->isChecked();
    return true;
}

void Dialogs::setNextChecked(bool checked)
{
    g_nextChecked = checked;
}

QString Dialogs::lastCheckText()
{
    return g_lastCheckText;
}

int Dialogs::askedCount()
{
    return g_asked;
}

QString Dialogs::lastText()
{
    return g_lastText;
}

QMessageBox::StandardButton Dialogs::run(QWidget* parent, QMessageBox::Icon icon, const QString& title,
    const QString& text, QMessageBox::StandardButtons buttons, QMessageBox::StandardButton defaultButton,
    const QList<QPair<QMessageBox::StandardButton, QString>>& labels)
{
    ++g_asked;
    g_lastText = text;
    if (g_nextAnswer != QMessageBox::NoButton) {
        const auto answer = g_nextAnswer;
        g_nextAnswer = QMessageBox::NoButton;
        return answer;
    }
    QMessageBox box(icon, title, text, buttons, parent);
    box.setDefaultButton(defaultButton);
    for (const auto& [button, label] : labels) {
        if (auto* b = box.button(button); b && !label.isEmpty()) {
            b->setText(label);
        }
    }
    return static_cast<QMessageBox::StandardButton>(box.exec());
}
