#include "Host.h"

#include "core/VarCodec.h"

namespace {
const QString kHost = QStringLiteral("ansible_host");
const QString kPort = QStringLiteral("ansible_port");
const QString kUser = QStringLiteral("ansible_user");
const QString kIdc = QStringLiteral("opsdeck_idc");
const QString kBusiness = QStringLiteral("opsdeck_business");
const QString kEnv = QStringLiteral("opsdeck_env");
const QString kStatus = QStringLiteral("opsdeck_status");
const QString kTags = QStringLiteral("opsdeck_tags");
} // namespace

QVariantMap Host::inventoryVars() const
{
    QVariantMap out = vars;
    const auto put = [&](const QString& key, const QString& value) {
        if (!value.isEmpty()) {
            out.insert(key, value);
        }
    };
    put(kHost, address);
    if (port > 0) {
        out.insert(kPort, qlonglong(port));
    }
    put(kUser, user);
    put(kIdc, idc);
    put(kBusiness, business);
    put(kEnv, env);
    put(kStatus, status);
    if (!tags.isEmpty()) {
        QVariantList list;
        for (const QString& t : tags) {
            list.append(t);
        }
        out.insert(kTags, list);
    }
    return out;
}

void Host::setInventoryVars(const QVariantMap& all)
{
    vars = all;
    const auto take = [&](const QString& key, QString& field) {
        auto it = vars.find(key);
        if (it != vars.end() && it->typeId() == QMetaType::QString && !it->toString().isEmpty()) {
            field = it->toString();
            vars.erase(it);
        } else {
            field.clear();
        }
    };
    take(kHost, address);
    take(kUser, user);
    take(kIdc, idc);
    take(kBusiness, business);
    take(kEnv, env);
    take(kStatus, status);
    port = 0;
    if (auto it = vars.find(kPort);
        it != vars.end() && VarCodec::isInteger(*it) && it->toLongLong() > 0 && it->toLongLong() < 65536) {
        port = int(it->toLongLong());
        vars.erase(it);
    }
    tags.clear();
    if (auto it = vars.find(kTags); it != vars.end() && it->typeId() == QMetaType::QVariantList) {
        QStringList t;
        bool allStrings = !it->toList().isEmpty();
        for (const QVariant& v : it->toList()) {
            if (v.typeId() != QMetaType::QString) {
                allStrings = false;
                break;
            }
            t.append(v.toString());
        }
        if (allStrings) {
            tags = t;
            vars.erase(it);
        }
    }
}
