#pragma once

#include <QDialog>

class QLabel;
class QPushButton;

// Shown when a workspace is refused at startup (not a workspace, damaged, from a newer OpsDeck, locked): says
// why, in the words of the refusal, and offers the three ways on — open another workspace, create a new one,
// or quit. It never offers to "repair" or overwrite the refused file.
class StartupErrorDialog : public QDialog {
    Q_OBJECT
public:
    enum class Choice { OpenOther, CreateNew, Quit };

    StartupErrorDialog(const QString& path, const QString& error, QWidget* parent = nullptr);

    Choice choice() const { return m_choice; }
    QString errorText() const;
    QPushButton* button(Choice choice) const;

private:
    Choice m_choice = Choice::Quit;
    QLabel* m_error = nullptr;
    QPushButton* m_open = nullptr;
    QPushButton* m_create = nullptr;
    QPushButton* m_quit = nullptr;
};
