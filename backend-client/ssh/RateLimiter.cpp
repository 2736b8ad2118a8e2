#include "RateLimiter.h"

#include <algorithm>
#include <thread>

RateLimiter::RateLimiter(qint64 bytesPerSecond)
    : m_rate(std::max<qint64>(1, bytesPerSecond))
    , m_next(Clock::now())
{
}

bool RateLimiter::acquire(qint64 bytes, const std::function<bool()>& cancelled)
{
    using namespace std::chrono;
    Clock::time_point turn;
    {
        std::lock_guard lock(m_mutex);
        const Clock::time_point now = Clock::now();
        // Unused time does not pile up beyond a short burst.
        m_next = std::max(m_next, now - milliseconds(100));
        turn = m_next;
        m_next += duration_cast<Clock::duration>(duration<double>(double(bytes) / double(m_rate)));
        // The caller may send once the bytes before it have gone: its own bytes take their time while it sends.
    }
    while (Clock::now() < turn) {
        if (cancelled && cancelled()) {
            return false;
        }
        std::this_thread::sleep_until(std::min(turn, Clock::now() + milliseconds(50)));
    }
    return !(cancelled && cancelled());
}
