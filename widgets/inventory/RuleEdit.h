#pragma once

#include "common/AsyncTask.h"

#include "inventory/HostExpression.h"
#include "inventory/Inventory.h"

#include <QWidget>
#include <atomic>
#include <memory>

class QLabel;
class QLineEdit;
class QTimer;

// The rule of a dynamic group (a Jinja2 expression over `host`), checked as it is typed: a syntax error is shown
// with its column, otherwise how many hosts of the inventory match ("12 hosts match"), counted on a worker thread
// after a short pause in typing so that large inventories never block the dialog.
class RuleEdit : public QWidget {
    Q_OBJECT
public:
    explicit RuleEdit(const Inventory& inventory, QWidget* parent = nullptr);
    ~RuleEdit() override;

    QString rule() const;
    void setRule(const QString& rule);
    // The rule parses (an empty rule does not).
    bool isValid() const { return m_valid; }
    // Hosts matching the current rule; -1 while counting or when the rule is invalid.
    int matchCount() const { return m_count; }

    QLineEdit* lineEdit() const { return m_edit; }
    QLabel* statusLabel() const { return m_status; }

signals:
    void validityChanged(bool valid);
    void countFinished(int count);

private:
    void check();
    void startCount();
    void showStatus(const QString& text, bool error);

    Inventory m_inventory; // a copy: the worker evaluates a copy of it, never the one the page edits
    QLineEdit* m_edit = nullptr;
    QLabel* m_status = nullptr;
    QTimer* m_debounce = nullptr;
    LatestAsync m_counting; // matching hosts counted by a worker
    std::shared_ptr<std::atomic_bool> m_cancel;
    QString m_countedRule;
    bool m_valid = false;
    int m_count = -1;
};
