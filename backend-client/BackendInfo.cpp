#include "BackendInfo.h"

BackendInfo::BackendInfo(QObject* parent)
    : QObject(parent)
{
}

QString BackendInfo::displayName() const
{
    if (m_kind == Kind::Server) {
        return tr("Server %1").arg(m_serverUrl);
    }
    return tr("Direct SSH");
}

void BackendInfo::setDirectSsh()
{
    if (m_kind != Kind::DirectSsh) {
        m_kind = Kind::DirectSsh;
        m_serverUrl.clear();
        emit changed();
    }
}

void BackendInfo::setServer(const QString& url)
{
    if (m_kind != Kind::Server || m_serverUrl != url) {
        m_kind = Kind::Server;
        m_serverUrl = url;
        emit changed();
    }
}
