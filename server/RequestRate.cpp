#include "RequestRate.h"

#include <algorithm>
#include <cmath>

RequestRate::RequestRate(double perSecond, double burst)
    : m_perSecond(perSecond)
    , m_burst(std::max(1.0, burst))
{
}

void RequestRate::setRate(double perSecond, double burst)
{
    m_perSecond = perSecond;
    m_burst = std::max(1.0, burst);
    m_buckets.clear();
}

bool RequestRate::take(const QString& key, qint64 nowMs, qint64* retryAfterMs)
{
    if (m_perSecond <= 0) {
        return true;
    }
    if (m_buckets.size() >= kMaxKeys) {
        const double perMs = m_perSecond / 1000.0;
        m_buckets.removeIf(
            [&](const auto& it) { return it.value().level + double(nowMs - it.value().atMs) * perMs >= m_burst; });
        if (m_buckets.size() >= kMaxKeys) {
            m_buckets.clear(); // a flood of distinct keys: start over rather than grow
        }
    }
    auto it = m_buckets.find(key);
    if (it == m_buckets.end()) {
        it = m_buckets.insert(key, Bucket { m_burst, nowMs });
    }
    Bucket& b = it.value();
    b.level = std::min(m_burst, b.level + double(std::max<qint64>(0, nowMs - b.atMs)) * m_perSecond / 1000.0);
    b.atMs = nowMs;
    if (b.level < 1.0) {
        if (retryAfterMs) {
            *retryAfterMs = qint64(std::ceil((1.0 - b.level) * 1000.0 / m_perSecond));
        }
        return false;
    }
    b.level -= 1.0;
    return true;
}
