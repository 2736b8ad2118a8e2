#pragma once

#include "ssh/HandshakeWindow.h"

#include <QHash>
#include <QList>
#include <QString>
#include <deque>

// Admission control for SSH handshakes, apart from how many hosts a job runs at once: a handshake (TCP connect or
// tunnel, key exchange, authentication) needs a slot in the shared window and, behind a jump host, one in that
// jump host's window too; the rest wait in order ("queued"). Each window adapts to how its handshakes end
// (HandshakeWindow). Tickets are plain numbers, so this is pure logic (the worker maps them to sessions).
class HandshakeAdmission {
public:
    enum class Outcome { Succeeded, Reset, TimedOut, Failed, Abandoned };

    HandshakeAdmission();
    HandshakeAdmission(HandshakeWindow::Limits shared, HandshakeWindow::Limits perJump);

    // Asks for a slot; `jump` names the jump host the handshake goes through (empty: direct). Never 0.
    quint64 request(const QString& jump = {});
    // The waiting tickets that may start now, in order of request; one whose jump host is full does not hold up
    // those behind it.
    QList<quint64> admit();
    // A ticket is done: an admitted one ends its handshake with `outcome` (a success with its latency from the
    // start of the connect); a waiting one just leaves the queue. Unknown tickets are ignored.
    void finish(quint64 ticket, Outcome outcome, qint64 latencyMs = 0);
    bool isWaiting(quint64 ticket) const;

    int waiting() const { return int(m_queue.size()); }
    int inFlight() const { return m_shared.inFlight(); }
    const HandshakeWindow& shared() const { return m_shared; }
    HandshakeWindow jump(const QString& jump) const { return m_jumps.value(jump, HandshakeWindow(m_perJump)); }

private:
    struct Waiter {
        quint64 ticket = 0;
        QString jump;
    };
    HandshakeWindow& windowOf(const QString& jump);
    static void apply(HandshakeWindow& window, Outcome outcome, qint64 latencyMs);

    HandshakeWindow m_shared;
    HandshakeWindow::Limits m_perJump;
    QHash<QString, HandshakeWindow> m_jumps;
    std::deque<Waiter> m_queue;
    QHash<quint64, QString> m_admitted; // ticket → its jump host
    quint64 m_next = 1;
};
