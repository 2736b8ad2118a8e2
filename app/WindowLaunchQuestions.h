#pragma once

#include "runner/JobLauncher.h"

#include <QCoreApplication>
#include <QPointer>
#include <QWidget>

// The console's answers to what a job launch needs from a person, in dialogs over the window (through Dialogs, so
// tests answer them ahead of time): key passphrases before a job starts, unknown host keys while it runs (with
// the fingerprint; asked once, since an accepted key is written to known_hosts).
class WindowLaunchQuestions : public LaunchQuestions {
    Q_DECLARE_TR_FUNCTIONS(WindowLaunchQuestions)
public:
    explicit WindowLaunchQuestions(QWidget* window)
        : m_window(window)
    {
    }
    std::optional<QString> keyPassphrase(const QString& keyFile, int attempt) override;
    void unknownHostKey(const SshTransport::HostKeyQuestion& question, std::function<void(bool)> answer) override;

private:
    QPointer<QWidget> m_window;
};
