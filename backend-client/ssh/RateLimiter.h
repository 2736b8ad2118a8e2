#pragma once

#include <QtGlobal>
#include <chrono>
#include <functional>
#include <mutex>

// Shares one byte rate between threads: the file pushes of a job, all hosts together (JobSpec::bandwidthLimit).
// Each acquire() reserves its bytes on a common timeline and sleeps until its turn, so concurrent senders get the
// rate between them in the order they asked, with a burst of at most 100 ms worth of bytes after a quiet time.
class RateLimiter {
public:
    explicit RateLimiter(qint64 bytesPerSecond);

    qint64 rate() const { return m_rate; }
    // Waits until `bytes` may be sent. Returns false (at once, or within 50 ms) when `cancelled` says so; the
    // bytes stay reserved then (the rate is a ceiling, not a promise).
    bool acquire(qint64 bytes, const std::function<bool()>& cancelled = {});

private:
    using Clock = std::chrono::steady_clock;
    const qint64 m_rate;
    std::mutex m_mutex;
    Clock::time_point m_next; // when the bytes reserved so far have all gone
};
