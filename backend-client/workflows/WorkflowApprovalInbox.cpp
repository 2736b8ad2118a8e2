#include "WorkflowApprovalInbox.h"

#include "store/Workspace.h"

#include <QJsonDocument>
#include <QJsonObject>

QString WorkflowApprovalInbox::prefix(const QString& jobId)
{
    return QStringLiteral("workflows/approvals/%1/").arg(jobId);
}

Result<void> WorkflowApprovalInbox::post(const QString& jobId, const WorkflowApprovalAnswer& answer)
{
    QJsonObject o;
    o.insert(QStringLiteral("decision"), answer.approve ? QStringLiteral("approve") : QStringLiteral("reject"));
    o.insert(QStringLiteral("by"), answer.by);
    o.insert(QStringLiteral("comment"), answer.comment);
    return m_workspace.setSetting(
        prefix(jobId) + answer.node, QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)));
}

QList<WorkflowApprovalAnswer> WorkflowApprovalInbox::take(const QString& jobId)
{
    QList<WorkflowApprovalAnswer> out;
    const QString p = prefix(jobId);
    for (const QString& key : m_workspace.settingKeys(p)) {
        const QJsonObject o = QJsonDocument::fromJson(m_workspace.setting(key).toUtf8()).object();
        (void)m_workspace.removeSetting(key);
        WorkflowApprovalAnswer a;
        a.node = key.mid(p.size());
        a.approve = o.value(QStringLiteral("decision")).toString() == QLatin1String("approve");
        a.by = o.value(QStringLiteral("by")).toString();
        a.comment = o.value(QStringLiteral("comment")).toString();
        out.append(a);
    }
    return out;
}
