#pragma once

#include <QHash>
#include <QString>

// Token buckets by key (a token's id, a peer address): each key may make `burst` requests at once and `perSecond`
// more every second after that. The map is bounded: keys whose bucket has filled up again are forgotten first.
class RequestRate {
public:
    RequestRate(double perSecond, double burst);
    void setRate(double perSecond, double burst);
    // Takes one request from the bucket of `key` at `nowMs`; false (and the milliseconds until one is free in
    // *retryAfterMs) when it is empty. A rate of 0 means unlimited.
    bool take(const QString& key, qint64 nowMs, qint64* retryAfterMs = nullptr);
    int keyCount() const { return int(m_buckets.size()); }

    static constexpr int kMaxKeys = 20'000;

private:
    struct Bucket {
        double level = 0;
        qint64 atMs = 0;
    };
    double m_perSecond;
    double m_burst;
    QHash<QString, Bucket> m_buckets;
};
