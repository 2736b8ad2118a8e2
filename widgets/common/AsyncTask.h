#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QtConcurrent/QtConcurrentRun>
#include <type_traits>
#include <utility>

// Runs slow work off the GUI thread and hands its result back on the GUI thread — unless the receiver is gone by
// then (the watcher is the receiver's child, and the receiver is the connection's context). `work` runs on the
// global thread pool and must own what it reads (capture copies: an Inventory copy is cheap, it shares its data).
template <typename Work, typename Done> void runAsync(QObject* receiver, Work work, Done done)
{
    using Result = std::invoke_result_t<Work>;
    auto* watcher = new QFutureWatcher<Result>(receiver);
    QObject::connect(watcher, &QFutureWatcherBase::finished, receiver, [watcher, done = std::move(done)]() mutable {
        watcher->deleteLater();
        done(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run(std::move(work)));
}

// The same for work that is started again before it finishes (a search as you type, a reload, a recount): only
// the result of the latest run() is delivered; older ones are dropped when they arrive. Keep one as a member of
// the receiver, one per kind of work — it replaces the hand-kept generation counter.
class LatestAsync {
public:
    template <typename Work, typename Done> void run(QObject* receiver, Work work, Done done)
    {
        const quint64 generation = ++m_generation;
        m_pending = true;
        runAsync(receiver, std::move(work), [this, generation, done = std::move(done)](auto&& result) mutable {
            if (generation != m_generation) {
                return; // a newer run is on its way (or cancel() was called)
            }
            m_pending = false;
            done(std::forward<decltype(result)>(result));
        });
    }
    // A result on its way is dropped.
    void cancel()
    {
        ++m_generation;
        m_pending = false;
    }
    // A run has started whose result has not been delivered yet.
    bool isPending() const { return m_pending; }

private:
    quint64 m_generation = 0;
    bool m_pending = false;
};
