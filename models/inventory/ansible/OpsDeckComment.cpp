#include "OpsDeckComment.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

std::optional<Group::Kind> OpsDeckComment::kind(QStringView line)
{
    static const QRegularExpression re(QStringLiteral(R"(#\s*opsdeck:\s*kind=(\w+))"));
    const QRegularExpressionMatch m = re.match(line.toString());
    if (!m.hasMatch()) {
        return std::nullopt;
    }
    bool ok = false;
    const Group::Kind k = Group::kindFromName(m.captured(1), &ok);
    return ok ? std::optional<Group::Kind>(k) : std::nullopt;
}

QString OpsDeckComment::rule(QStringView line)
{
    static const QRegularExpression re(QStringLiteral(R"re(#\s*opsdeck:.*\brule=("(?:[^"\\]|\\.)*"))re"));
    const QRegularExpressionMatch m = re.match(line.toString());
    if (!m.hasMatch()) {
        return {};
    }
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray("[") + m.captured(1).toUtf8() + QByteArray("]"));
    return doc.array().at(0).toString();
}

QString OpsDeckComment::forGroup(const Group* g)
{
    QString comment;
    if (g && g->kind != Group::Kind::Custom) {
        comment += QStringLiteral(" kind=") + Group::kindName(g->kind);
    }
    if (g && g->isDynamic()) {
        const QByteArray json = QJsonDocument(QJsonArray { g->rule }).toJson(QJsonDocument::Compact);
        comment += QStringLiteral(" rule=") + QString::fromUtf8(json.mid(1, json.size() - 2));
    }
    return comment.isEmpty() ? QString() : QStringLiteral(" # opsdeck:") + comment;
}
