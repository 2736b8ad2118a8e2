#pragma once

#include <QMetaType>
#include <QMutex>
#include <QVariantMap>
#include <functional>
#include <memory>

namespace Jinja {

// A mapping of a template context whose items are made the first time a template looks into it (`hostvars` of a
// 10,000-host inventory costs nothing until a template reads it). Put into a context as a QVariant; the engine's
// value of it is a dict that loads itself on first use. The loaded map is kept, so copies of one LazyMapping (the
// contexts of every host of a job) load it once; loading is guarded, so any thread may be the first.
class LazyMapping {
public:
    using Loader = std::function<QVariantMap()>;
    LazyMapping() = default;
    explicit LazyMapping(Loader loader)
        : m_state(std::make_shared<State>())
    {
        m_state->loader = std::move(loader);
    }
    QVariantMap value() const
    {
        if (!m_state) {
            return {};
        }
        QMutexLocker lock(&m_state->mutex);
        if (m_state->loader) {
            m_state->map = m_state->loader();
            m_state->loader = nullptr;
        }
        return m_state->map;
    }

private:
    struct State {
        QMutex mutex;
        Loader loader;
        QVariantMap map;
    };
    std::shared_ptr<State> m_state;
};

} // namespace Jinja

Q_DECLARE_METATYPE(Jinja::LazyMapping)
