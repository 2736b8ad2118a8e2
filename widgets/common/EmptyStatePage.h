#pragma once

#include <QWidget>

class QLabel;

// The placeholder for a screen that a later release fills: an icon, a title and one sentence saying what will be
// there, centred. Better than a blank page: the navigation stays honest about what the console can do today.
class EmptyStatePage : public QWidget {
    Q_OBJECT
public:
    EmptyStatePage(const QString& iconName, QWidget* parent = nullptr);

    void setTitle(const QString& title);
    void setText(const QString& text);
    QString title() const;
    QString text() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void updateIcon();

    QString m_iconName;
    QLabel* m_icon = nullptr;
    QLabel* m_title = nullptr;
    QLabel* m_text = nullptr;
};
