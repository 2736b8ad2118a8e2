#pragma once

#include <QString>
#include <QStringList>

// The texts the job engine and the transports put into events (a host's outcome message, the reason a job
// stopped, why it was interrupted) are stored in English, the same in every language, so that a job recorded in
// a Chinese console reads in English later and the other way round. They are written from a known set of message
// forms (the table in JobText.cpp, collected by lupdate under the context "JobText"); display() recognises a form
// with its arguments and gives it in the current language, arguments that are messages themselves included
// ("jump host gw: connection lost: …"). A text that matches no form (an sshd or libssh message, a script's words)
// is shown as it is. A new message of the engine or a transport belongs in the table; tst_uipolish checks that
// every literal message of the producers is there.
class JobText {
public:
    // English text of a form with a count: `%n` becomes `n` and "host(s)" reads "host" or "hosts" by it, then
    // %1, %2 … are the `args`. Used by producers for forms with a count ("written (%n byte(s))").
    static QString make(const char* form, qint64 n, const QStringList& args = {});
    // QCoreApplication::translate() of a %n message, in English "1 host" / "2 hosts" also where no translator is
    // installed (the CLI, the server, tests of the engine): the engine's descriptions of plans and policies.
    static QString count(const char* context, const char* source, qint64 n);
    // `text` in the current language when it is one of the known forms, else `text` unchanged.
    static QString display(const QString& text);
    // Every known form (English source texts), for tests.
    static QStringList forms();
};
