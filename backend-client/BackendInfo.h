#pragma once

#include <QObject>
#include <QString>

// What the console is connected to: the remote control server or the in-process direct-SSH engine. The status
// bar shows it; the job engine (a later issue) will ask it which Backend implementation to use.
class BackendInfo : public QObject {
    Q_OBJECT
public:
    enum class Kind { DirectSsh, Server };
    Q_ENUM(Kind)

    explicit BackendInfo(QObject* parent = nullptr);

    Kind kind() const { return m_kind; }
    QString serverUrl() const { return m_serverUrl; }
    // Human-readable, translated: "Direct SSH" or "Server https://…".
    QString displayName() const;

    void setDirectSsh();
    void setServer(const QString& url);

signals:
    void changed();

private:
    Kind m_kind = Kind::DirectSsh;
    QString m_serverUrl;
};
