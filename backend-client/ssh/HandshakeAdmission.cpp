#include "HandshakeAdmission.h"

#include <algorithm>

HandshakeAdmission::HandshakeAdmission()
    : HandshakeAdmission(HandshakeWindow::Limits {}, HandshakeWindow::Limits {})
{
}

HandshakeAdmission::HandshakeAdmission(HandshakeWindow::Limits shared, HandshakeWindow::Limits perJump)
    : m_shared(shared)
    , m_perJump(perJump)
{
}

quint64 HandshakeAdmission::request(const QString& jump)
{
    const quint64 ticket = m_next++;
    m_queue.push_back({ ticket, jump });
    return ticket;
}

HandshakeWindow& HandshakeAdmission::windowOf(const QString& jump)
{
    auto it = m_jumps.find(jump);
    if (it == m_jumps.end()) {
        it = m_jumps.insert(jump, HandshakeWindow(m_perJump));
    }
    return *it;
}

QList<quint64> HandshakeAdmission::admit()
{
    QList<quint64> admitted;
    for (auto it = m_queue.begin(); it != m_queue.end() && m_shared.canStart();) {
        if (!it->jump.isEmpty() && !windowOf(it->jump).canStart()) {
            ++it;
            continue;
        }
        m_shared.started();
        if (!it->jump.isEmpty()) {
            windowOf(it->jump).started();
        }
        m_admitted.insert(it->ticket, it->jump);
        admitted.append(it->ticket);
        it = m_queue.erase(it);
    }
    return admitted;
}

void HandshakeAdmission::apply(HandshakeWindow& window, Outcome outcome, qint64 latencyMs)
{
    switch (outcome) {
    case Outcome::Succeeded:
        window.succeeded(latencyMs);
        break;
    case Outcome::Reset:
        window.reset();
        break;
    case Outcome::TimedOut:
        window.timedOut();
        break;
    case Outcome::Failed:
        window.failed();
        break;
    case Outcome::Abandoned:
        window.abandoned();
        break;
    }
}

void HandshakeAdmission::finish(quint64 ticket, Outcome outcome, qint64 latencyMs)
{
    const auto waiter
        = std::find_if(m_queue.begin(), m_queue.end(), [&](const Waiter& w) { return w.ticket == ticket; });
    if (waiter != m_queue.end()) {
        m_queue.erase(waiter);
        return;
    }
    const auto it = m_admitted.constFind(ticket);
    if (it == m_admitted.constEnd()) {
        return;
    }
    const QString jump = *it;
    m_admitted.erase(it);
    apply(m_shared, outcome, latencyMs);
    if (!jump.isEmpty()) {
        apply(windowOf(jump), outcome, latencyMs);
    }
}

bool HandshakeAdmission::isWaiting(quint64 ticket) const
{
    return std::any_of(m_queue.begin(), m_queue.end(), [&](const Waiter& w) { return w.ticket == ticket; });
}
