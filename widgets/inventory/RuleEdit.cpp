#include "RuleEdit.h"

#include "common/AsyncTask.h"

#include "Theme.h"

#include <QFontDatabase>
#include <QLabel>
#include <QLineEdit>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

RuleEdit::RuleEdit(const Inventory& inventory, QWidget* parent)
    : QWidget(parent)
    , m_inventory(inventory)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_edit = new QLineEdit(this);
    m_edit->setObjectName(QStringLiteral("rule"));
    m_edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_edit->setPlaceholderText(QStringLiteral("host.idc == 'js' and 'mongodb' in host.tags"));
    m_edit->setToolTip(tr("A Jinja2 expression over host: name, address, port, user, idc, business, env, status, "
                          "tags, groups, vars (the host's resolved variables)."));
    layout->addWidget(m_edit);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("ruleStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);
    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(250);
    connect(m_debounce, &QTimer::timeout, this, &RuleEdit::startCount);
    connect(m_edit, &QLineEdit::textChanged, this, &RuleEdit::check);
    check();
}

RuleEdit::~RuleEdit()
{
    if (m_cancel) {
        m_cancel->store(true); // the count still running stops early; its result goes nowhere
    }
}

QString RuleEdit::rule() const
{
    return m_edit->text().trimmed();
}

void RuleEdit::setRule(const QString& rule)
{
    m_edit->setText(rule);
}

void RuleEdit::showStatus(const QString& text, bool error)
{
    m_status->setText(text);
    QPalette pal = m_status->palette();
    pal.setColor(QPalette::WindowText,
        error ? Theme::color(QStringLiteral("syntax.error")) : palette().color(QPalette::WindowText));
    m_status->setPalette(pal);
}

void RuleEdit::check()
{
    if (m_cancel) {
        m_cancel->store(true);
    }
    m_count = -1;
    const QString text = rule();
    bool valid = false;
    if (text.isEmpty()) {
        showStatus(tr("Enter a rule, e.g. host.idc == 'js' and 'mongodb' in host.tags"), false);
        m_debounce->stop();
    } else if (auto parsed = HostExpression::parse(text); !parsed) {
        const Error& e = parsed.error();
        showStatus(tr("Column %1: %2").arg(e.where.column).arg(e.message), true);
        m_debounce->stop();
    } else {
        valid = true;
        showStatus(tr("Counting matching hosts…"), false);
        m_debounce->start();
    }
    if (valid != m_valid) {
        m_valid = valid;
        emit validityChanged(valid);
    }
}

void RuleEdit::startCount()
{
    auto parsed = HostExpression::parse(rule());
    if (!parsed) {
        return;
    }
    m_cancel = std::make_shared<std::atomic_bool>(false);
    m_countedRule = rule();
    m_counting.run(
        this,
        [expression = *parsed, inventory = m_inventory, cancel = m_cancel]() -> HostExpression::Matches {
            return expression.matchingHosts(inventory, cancel.get());
        },
        [this](const HostExpression::Matches& m) {
            // A count for a rule that has changed since (or was cancelled) is stale.
            if (m_countedRule != rule() || !m_valid) {
                return;
            }
            m_count = int(m.hosts.size());
            QString text = tr("%n host(s) match", nullptr, m_count);
            if (m.errorCount > 0) {
                text += QLatin1Char('\n')
                    + tr("%n host(s) could not be evaluated and do not match, e.g. %1", nullptr, m.errorCount)
                          .arg(m.firstError);
            }
            showStatus(text, false);
            emit countFinished(m_count);
        });
}
