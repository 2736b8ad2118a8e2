#include "HandshakeWindow.h"

#include <algorithm>
#include <limits>

HandshakeWindow::HandshakeWindow()
    : HandshakeWindow(Limits {})
{
}

HandshakeWindow::HandshakeWindow(Limits limits)
    : m_limits(limits)
{
    m_limits.min = std::max(1, m_limits.min);
    m_limits.max = std::max(m_limits.min, m_limits.max);
    m_limits.initial = std::clamp(m_limits.initial, m_limits.min, m_limits.max);
    m_window = m_limits.initial;
    m_threshold = std::numeric_limits<double>::max();
}

int HandshakeWindow::limit() const
{
    return std::clamp(int(m_window), m_limits.min, m_limits.max);
}

void HandshakeWindow::started()
{
    ++m_inFlight;
}

void HandshakeWindow::end()
{
    m_inFlight = std::max(0, m_inFlight - 1);
    ++m_completions;
}

void HandshakeWindow::decrease(double factor)
{
    if (m_completions <= m_holdUntil) {
        return; // already shrank for this round
    }
    m_window = std::max<double>(m_limits.min, m_window * factor);
    m_threshold = m_window;
    m_holdUntil = m_completions + m_inFlight; // the ones in flight now belong to this round
}

void HandshakeWindow::succeeded(qint64 latencyMs)
{
    end();
    latencyMs = std::max<qint64>(0, latencyMs);
    if (m_baseMs < 0 || latencyMs < m_baseMs) {
        m_baseMs = latencyMs;
    }
    const double congested = std::max(double(kCongestedFloorMs), kCongestedFactor * double(m_baseMs));
    if (double(latencyMs) > congested) {
        decrease(kLatencyBackoff);
        return;
    }
    m_window += m_window < m_threshold ? 1.0 : 1.0 / m_window;
    m_window = std::min<double>(m_window, m_limits.max);
}

void HandshakeWindow::reset()
{
    end();
    decrease(kResetBackoff);
}

void HandshakeWindow::timedOut()
{
    end();
    decrease(kResetBackoff);
}

void HandshakeWindow::failed()
{
    end();
}

void HandshakeWindow::abandoned()
{
    m_inFlight = std::max(0, m_inFlight - 1);
}
