#pragma once

#include "common/VersionHistoryDialog.h"

class WorkflowSource;

// The versions of a workflow (VersionHistoryDialog over the page's WorkflowSource: the workspace's or a control
// server's), their YAML compared side by side; Restore saves the selected version as the newest, based on the
// version the dialog read last (a server refuses when its workflow moved on meanwhile).
class WorkflowHistoryDialog : public VersionHistoryDialog {
    Q_OBJECT
public:
    WorkflowHistoryDialog(WorkflowSource* source, const QString& name, QWidget* parent = nullptr);

signals:
    // `version` saved again as version `as` (the same when it was the newest already: nothing written).
    void restored(int version, int as);

protected:
    Result<QList<Entry>> readVersions() override;
    Result<void> restoreVersion(int version) override;
    void showDiff(
        const Entry& older, const Entry& newer, const QString& olderTitle, const QString& newerTitle) override;

private:
    WorkflowSource* m_source = nullptr;
    QString m_name;
    int m_newest = 0;
};
