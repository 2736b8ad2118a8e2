#include "remote-workflows/RemoteWorkflowSource.h"

#include "remote/RemoteBackend.h"
#include "workflows/WorkflowYaml.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

namespace {

QDateTime timeOf(const QJsonValue& v)
{
    return QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
}

} // namespace

QString RemoteWorkflowSource::path(const QString& name, const QString& rest)
{
    return QStringLiteral("/api/v1/workflows/") + QString::fromLatin1(QUrl::toPercentEncoding(name)) + rest;
}

Result<QList<WorkflowEntry>> RemoteWorkflowSource::list()
{
    auto o = m_server->http().get(QStringLiteral("/api/v1/workflows"));
    if (!o) {
        return o.error();
    }
    QList<WorkflowEntry> out;
    for (const QJsonValue& v : o->value(QStringLiteral("workflows")).toArray()) {
        const QJsonObject w = v.toObject();
        out.append({ w.value(QStringLiteral("name")).toString(), w.value(QStringLiteral("version")).toInt(),
            w.value(QStringLiteral("nodeCount")).toInt(), w.value(QStringLiteral("description")).toString() });
    }
    return out;
}

Result<std::optional<StoredWorkflow>> RemoteWorkflowSource::find(const QString& name)
{
    RemoteHttpRequest get;
    get.path = path(name);
    const RemoteHttpAnswer answer = m_server->http().call(get);
    if (answer.status == 404) {
        return std::optional<StoredWorkflow>();
    }
    auto o = m_server->http().json(answer);
    if (!o) {
        return o.error();
    }
    StoredWorkflow s;
    s.version = o->value(QStringLiteral("version")).toInt();
    s.createdAt = timeOf(o->value(QStringLiteral("createdAt")));
    s.updatedAt = timeOf(o->value(QStringLiteral("updatedAt")));
    s.author = o->value(QStringLiteral("author")).toString();
    s.yaml = o->value(QStringLiteral("yaml")).toString();
    auto w = WorkflowYaml::load(s.yaml, name + QStringLiteral(".yml"));
    if (!w) {
        return w.error();
    }
    s.workflow = *w;
    return std::optional<StoredWorkflow>(s);
}

Result<WorkflowSaved> RemoteWorkflowSource::save(
    const Workflow& workflow, int baseVersion, const QString& message, QStringList* problems)
{
    return put(workflow.name, WorkflowYaml::save(workflow), baseVersion, message, problems);
}

Result<WorkflowSaved> RemoteWorkflowSource::put(
    const QString& name, const QString& yaml, int baseVersion, const QString& message, QStringList* problems)
{
    QJsonObject body { { QStringLiteral("yaml"), yaml } };
    if (!message.isEmpty()) {
        body.insert(QStringLiteral("message"), message);
    }
    if (baseVersion > 0) {
        body.insert(QStringLiteral("base_version"), baseVersion);
    }
    RemoteHttpRequest request;
    request.method = "PUT";
    request.path = path(name);
    request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    request.hasBody = true;
    const RemoteHttpAnswer answer = m_server->http().call(request);
    auto o = m_server->http().json(answer);
    if (!o) {
        if (problems) {
            const QJsonObject e
                = QJsonDocument::fromJson(answer.body).object().value(QStringLiteral("error")).toObject();
            for (const QJsonValue& p : e.value(QStringLiteral("problems")).toArray()) {
                problems->append(p.toObject().value(QStringLiteral("text")).toString());
            }
        }
        return o.error();
    }
    return WorkflowSaved { o->value(QStringLiteral("version")).toInt(), o->value(QStringLiteral("changed")).toBool() };
}

Result<QList<WorkflowVersion>> RemoteWorkflowSource::versions(const QString& name)
{
    auto o = m_server->http().get(path(name, QStringLiteral("/versions")));
    if (!o) {
        return o.error();
    }
    QList<WorkflowVersion> out;
    for (const QJsonValue& v : o->value(QStringLiteral("versions")).toArray()) {
        const QJsonObject e = v.toObject();
        WorkflowVersion version;
        version.version = e.value(QStringLiteral("version")).toInt();
        version.createdAt = timeOf(e.value(QStringLiteral("createdAt")));
        version.author = e.value(QStringLiteral("author")).toString();
        version.message = e.value(QStringLiteral("message")).toString();
        out.append(version);
    }
    QList<RemoteHttpRequest> requests;
    for (const WorkflowVersion& v : std::as_const(out)) {
        RemoteHttpRequest r;
        r.path = path(name, QStringLiteral("/versions/%1").arg(v.version));
        requests << r;
    }
    constexpr qsizetype kSlice = 16; // the server bounds its connections
    for (qsizetype start = 0; start < requests.size(); start += kSlice) {
        const QList<RemoteHttpAnswer> answers = m_server->http().callAll(requests.mid(start, kSlice));
        for (qsizetype k = 0; k < answers.size(); ++k) {
            auto one = m_server->http().json(answers.at(k));
            if (!one) {
                return one.error();
            }
            out[start + k].yaml = one->value(QStringLiteral("yaml")).toString();
        }
    }
    return out;
}

Result<WorkflowSaved> RemoteWorkflowSource::restore(const QString& name, int version, int baseVersion)
{
    auto old = m_server->http().get(path(name, QStringLiteral("/versions/%1").arg(version)));
    if (!old) {
        return old.error();
    }
    // The old text itself, as it was stored.
    return put(name, old->value(QStringLiteral("yaml")).toString(), baseVersion,
        QStringLiteral("restored version %1").arg(version), nullptr);
}
