#pragma once

#include <QtGlobal>

// How many SSH handshakes may be in flight at once on one shared path (the machine's own network stack and the
// servers' CPU, or one jump host), adapting like TCP's congestion window (AIMD): it grows while handshakes
// complete about as fast as the fastest seen, and shrinks multiplicatively when their latency climbs, when the
// server resets connections during key exchange (OpenSSH's MaxStartups) or when one times out. At most one
// decrease per round (as many completions as were in flight when it shrank), so one burst of resets does not
// collapse it. Pure logic, no clock: latencies are given by the caller (tests feed sequences).
class HandshakeWindow {
public:
    struct Limits {
        int initial = 8;
        int min = 1;
        int max = 64;
    };
    HandshakeWindow();
    explicit HandshakeWindow(Limits limits);

    int limit() const; // handshakes allowed in flight now (min..max)
    int inFlight() const { return m_inFlight; }
    bool canStart() const { return m_inFlight < limit(); }
    qint64 baseLatencyMs() const { return m_baseMs; } // the fastest handshake seen; -1 before the first

    void started(); // one more in flight (the caller checked canStart())
    // A handshake ended. A success gives its latency (from the start of the TCP connect to authenticated).
    void succeeded(qint64 latencyMs);
    void reset(); // the server dropped the connection before it was authenticated
    void timedOut();
    void failed(); // any other failure (refused, authentication, host key): says nothing about load
    void abandoned(); // the host went away (cancelled) before its handshake ended

    // Latency above this (relative to the fastest seen, with a floor for fast paths) counts as congestion.
    static constexpr double kCongestedFactor = 3.0;
    static constexpr qint64 kCongestedFloorMs = 250;
    static constexpr double kLatencyBackoff = 0.75;
    static constexpr double kResetBackoff = 0.5;

private:
    void end();
    void decrease(double factor);

    Limits m_limits;
    double m_window = 8;
    double m_threshold = 0; // slow start (+1 per success) below it, congestion avoidance (+1/window) above
    int m_inFlight = 0;
    qint64 m_baseMs = -1;
    qint64 m_completions = 0;
    qint64 m_holdUntil = 0; // no further decrease until more than this many completions
};
