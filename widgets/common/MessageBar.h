#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QToolButton;

// An inline message bar (info / warning / error) shown above the content it concerns, with an optional action
// button and a close button. The application shows errors here instead of in a storm of modal boxes
// (KeePassXC's MessageWidget, KMessageWidget). Colours come from the palette so it follows the theme.
class MessageBar : public QWidget {
    Q_OBJECT
public:
    enum class Type { Info, Warning, Error };

    explicit MessageBar(QWidget* parent = nullptr);

    // Shows `text`; when `actionText` is not empty an action button is shown that emits actionTriggered().
    void showMessage(const QString& text, Type type = Type::Info, const QString& actionText = {});
    void hideMessage();

    QString text() const;
    Type type() const { return m_type; }
    QPushButton* actionButton() const { return m_action; }

signals:
    void actionTriggered();
    void closed();

protected:
    void changeEvent(QEvent* event) override;

private:
    void applyColours();

    Type m_type = Type::Info;
    QLabel* m_icon = nullptr;
    QLabel* m_label = nullptr;
    QPushButton* m_action = nullptr;
    QToolButton* m_close = nullptr;
};
