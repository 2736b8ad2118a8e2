#include "Group.h"

#include "core/VarCodec.h"

namespace {
const QString kPriority = QStringLiteral("ansible_group_priority");
} // namespace

QVariantMap Group::inventoryVars() const
{
    QVariantMap out = vars;
    if (priority != 1) {
        out.insert(kPriority, qlonglong(priority));
    }
    return out;
}

void Group::setInventoryVars(const QVariantMap& all)
{
    vars = all;
    priority = 1;
    if (auto it = vars.find(kPriority); it != vars.end()) {
        // Ansible consumes ansible_group_priority (int() of the value) and does not keep it as a variable.
        bool ok = false;
        const int p = VarCodec::isInteger(*it) ? int(it->toLongLong(&ok)) : it->toString().toInt(&ok);
        if (ok) {
            priority = p;
            vars.erase(it);
        }
    }
}

QString Group::kindName(Kind k)
{
    switch (k) {
    case Kind::Idc:
        return QStringLiteral("idc");
    case Kind::Set:
        return QStringLiteral("set");
    case Kind::Custom:
        break;
    }
    return QStringLiteral("custom");
}

Group::Kind Group::kindFromName(const QString& name, bool* ok)
{
    const QString n = name.trimmed().toLower();
    if (ok) {
        *ok = true;
    }
    if (n == QLatin1String("idc")) {
        return Kind::Idc;
    }
    if (n == QLatin1String("set")) {
        return Kind::Set;
    }
    if (ok) {
        *ok = n == QLatin1String("custom");
    }
    return Kind::Custom;
}
