#pragma once

#include <QWidget>

class QLabel;
class QListWidget;
class QTreeWidget;
class Workspace;
class YamlView;

// The Workflows page: the workspace's workflows (name, steps, version), and for the selected one its description,
// its problems (validateWorkflow against the workspace's scripts, templates and workflows, each naming the node and
// field) and its YAML exactly as stored. Authoring happens in YAML for now (`opsdeck-cli workflow import`); the
// canvas builder and running workflows are the next steps of issue 16.
class WorkflowsPage : public QWidget {
    Q_OBJECT

public:
    explicit WorkflowsPage(Workspace* workspace, QWidget* parent = nullptr);

    void reload();
    QListWidget* list() const { return m_list; }
    QTreeWidget* problems() const { return m_problems; }
    YamlView* yaml() const { return m_yaml; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void showCurrent();
    void retranslate();

    Workspace* m_workspace;
    QListWidget* m_list;
    QLabel* m_title;
    QLabel* m_description;
    QLabel* m_problemsTitle;
    QTreeWidget* m_problems;
    YamlView* m_yaml;
    QLabel* m_hint;
};
