#include "ConfigTemplate.h"

#include "scripts/Script.h"

#include <QRegularExpression>

bool ConfigTemplate::sameVersionedFields(const ConfigTemplate& o) const
{
    return name == o.name && destination == o.destination && mode == o.mode && owner == o.owner
        && description == o.description && content == o.content;
}

QString ConfigTemplate::nameProblem(const QString& name)
{
    // The same rules as script names; the messages say "template".
    QString problem = Script::nameProblem(name);
    return problem.replace(QLatin1String("script"), QLatin1String("template"));
}

QString ConfigTemplate::destinationProblem(const QString& destination)
{
    if (destination.isEmpty()) {
        return {};
    }
    if (!destination.startsWith(QLatin1Char('/'))) {
        return QStringLiteral("the destination must be an absolute path on the host (/etc/…), not '%1'")
            .arg(destination);
    }
    if (destination.contains(QLatin1Char('\n')) || destination.contains(QLatin1Char('\r'))
        || destination.contains(QChar(0))) {
        return QStringLiteral("the destination must be one line");
    }
    return {};
}

QString ConfigTemplate::modeProblem(const QString& mode)
{
    static const QRegularExpression octal(QStringLiteral("^[0-7]{3,4}$"));
    if (mode.isEmpty() || octal.match(mode).hasMatch()) {
        return {};
    }
    return QStringLiteral("the mode must be 3 or 4 octal digits (0644, 755), not '%1'").arg(mode);
}

QString ConfigTemplate::ownerProblem(const QString& owner)
{
    static const QRegularExpression valid(
        QStringLiteral("^[A-Za-z0-9_.][A-Za-z0-9_.-]*(:[A-Za-z0-9_.][A-Za-z0-9_.-]*)?$"));
    if (owner.isEmpty() || valid.match(owner).hasMatch()) {
        return {};
    }
    return QStringLiteral("the owner must be USER or USER:GROUP (root:root), not '%1'").arg(owner);
}

QString ConfigTemplate::problem() const
{
    for (const QString& p :
        { nameProblem(name), destinationProblem(destination), modeProblem(mode), ownerProblem(owner) }) {
        if (!p.isEmpty()) {
            return p;
        }
    }
    return {};
}

QJsonObject ConfigTemplate::toJson() const
{
    return { { QStringLiteral("id"), id }, { QStringLiteral("name"), name },
        { QStringLiteral("destination"), destination }, { QStringLiteral("mode"), mode },
        { QStringLiteral("owner"), owner }, { QStringLiteral("description"), description },
        { QStringLiteral("content"), content }, { QStringLiteral("version"), version } };
}

Result<ConfigTemplate> ConfigTemplate::fromJson(const QJsonObject& o)
{
    for (const char* key : { "name", "content" }) {
        if (!o.value(QLatin1String(key)).isString()) {
            return Error(QStringLiteral("a template needs '%1'").arg(QLatin1String(key)));
        }
    }
    ConfigTemplate t;
    t.id = o.value(QStringLiteral("id")).toInteger();
    t.name = o.value(QStringLiteral("name")).toString();
    t.destination = o.value(QStringLiteral("destination")).toString();
    t.mode = o.value(QStringLiteral("mode")).toString();
    t.owner = o.value(QStringLiteral("owner")).toString();
    t.description = o.value(QStringLiteral("description")).toString();
    t.content = o.value(QStringLiteral("content")).toString();
    t.version = o.value(QStringLiteral("version")).toInt();
    return t;
}
