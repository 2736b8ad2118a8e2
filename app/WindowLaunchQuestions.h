#pragma once

#include "runner/JobLauncher.h"

#include <QCoreApplication>
#include <QPointer>
#include <QWidget>

// The console's answers to what a job launch needs from a person: key passphrases asked in a dialog over the
// window (through Dialogs, so tests answer them ahead of time).
class WindowLaunchQuestions : public LaunchQuestions {
    Q_DECLARE_TR_FUNCTIONS(WindowLaunchQuestions)
public:
    explicit WindowLaunchQuestions(QWidget* window)
        : m_window(window)
    {
    }
    std::optional<QString> keyPassphrase(const QString& keyFile, int attempt) override;

private:
    QPointer<QWidget> m_window;
};
