#pragma once

// HTTP/1.1 against a real opsdeck-server on loopback, for tests/tst_server.cpp and tests/tst_serverlibrary.cpp: one
// request per fresh connection, the whole answer read until the server closes it, the status and JSON body parsed.
#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QRegularExpression>
#include <QString>
#include <QTcpSocket>

struct Reply {
    int status = 0;
    QJsonObject json;
    QByteArray raw;
};

// One HTTP/1.1 request over a fresh connection; the whole answer read until the server closes.
inline QByteArray rawExchange(quint16 port, const QByteArray& bytes, int timeoutMs = 10'000)
{
    QTcpSocket s;
    s.connectToHost(QStringLiteral("127.0.0.1"), port);
    if (!s.waitForConnected(timeoutMs)) {
        return {};
    }
    s.write(bytes);
    s.waitForBytesWritten(timeoutMs);
    QByteArray out;
    while (s.state() == QAbstractSocket::ConnectedState && s.waitForReadyRead(timeoutMs)) {
        out += s.readAll();
    }
    return out + s.readAll();
}

inline Reply parse(const QByteArray& raw)
{
    Reply r;
    r.raw = raw;
    const QRegularExpressionMatch m
        = QRegularExpression(QStringLiteral("^HTTP/1.1 (\\d{3}) ")).match(QString::fromLatin1(raw.left(40)));
    r.status = m.hasMatch() ? m.captured(1).toInt() : -1;
    const qsizetype body = raw.indexOf("\r\n\r\n");
    if (body >= 0) {
        r.json = QJsonDocument::fromJson(raw.mid(body + 4)).object();
    }
    return r;
}

// METHOD PATH with a bearer token (when given), a JSON body and extra headers ("If-Match", "3").
inline Reply httpRequest(quint16 port, const QString& method, const QString& path, const QString& token = {},
    const QByteArray& body = {}, const QList<QPair<QByteArray, QByteArray>>& headers = {})
{
    QByteArray req = method.toLatin1() + ' ' + path.toUtf8() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
    if (!token.isEmpty()) {
        req += "Authorization: Bearer " + token.toLatin1() + "\r\n";
    }
    for (const auto& [name, value] : headers) {
        req += name + ": " + value + "\r\n";
    }
    if (!body.isEmpty() || method == QLatin1String("POST") || method == QLatin1String("PUT")) {
        req += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    }
    return parse(rawExchange(port, req + "\r\n" + body));
}

// Whether the answer is the API's error shape {"error": {"code", "message", "field"}} with this code.
inline bool isErrorShape(const Reply& r, const QString& code)
{
    const QJsonObject e = r.json.value(QStringLiteral("error")).toObject();
    return e.value(QStringLiteral("code")).toString() == code && e.value(QStringLiteral("message")).isString()
        && e.contains(QStringLiteral("field"));
}

// The field an error answer names ("" when null).
inline QString errorField(const Reply& r)
{
    return r.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("field")).toString();
}
