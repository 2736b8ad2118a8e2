#pragma once

#include "common/VersionHistoryDialog.h"
#include "templates/ConfigTemplate.h"

class TemplateStore;

// The history of a template (VersionHistoryDialog over the template library), the diff with the Jinja lexer over
// the destination's file syntax.
class TemplateHistoryDialog : public VersionHistoryDialog {
    Q_OBJECT
public:
    TemplateHistoryDialog(TemplateStore* store, qint64 templateId, QWidget* parent = nullptr);

signals:
    void restored(const ConfigTemplate& tmpl);

protected:
    Result<QList<Entry>> readVersions() override;
    Result<void> restoreVersion(int version) override;
    void showDiff(
        const Entry& older, const Entry& newer, const QString& olderTitle, const QString& newerTitle) override;

private:
    TemplateStore* m_store = nullptr;
    qint64 m_id = 0;
    QString m_destination;
};
