#include "ImportDialog.h"

#include "Theme.h"
#include "common/MessageBar.h"
#include "inventory/ansible/AnsibleInventory.h"
#include "store/Workspace.h"

#include <QButtonGroup>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPromise>
#include <QPushButton>
#include <QRadioButton>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace {

using Entry = InventoryDiff::Entry;
using VarChange = InventoryDiff::VarChange;

// Progress is reported as 0..1000.
constexpr int kRange = 1000;
// Top-level rows of the changes view keep the index of their entry here; their lines are made when expanded.
constexpr int kEntryRole = Qt::UserRole + 1;
// Previews with at most this many entries open expanded.
constexpr int kExpandAll = 12;

void reportProgress(
    QPromise<ImportDialog::Outcome>& promise, int from, int to, qint64 done, qint64 total, const QString& text)
{
    const int value = from + (total > 0 ? int(done * (to - from) / total) : 0);
    promise.setProgressValueAndText(std::min(value, to), text);
}

void runPreview(QPromise<ImportDialog::Outcome>& promise, const QString& workspacePath, const QString& path,
    std::shared_ptr<const Inventory> parsed, InventoryImportPlan::Mode mode)
{
    ImportDialog::Outcome out;
    out.step = ImportDialog::Outcome::Step::Preview;
    promise.setProgressRange(0, kRange);
    if (!parsed) {
        promise.setProgressValueAndText(0, ImportDialog::tr("Reading %1…").arg(QFileInfo(path).fileName()));
        Result<Inventory> read = AnsibleInventory::importPath(path, [&](qint64 done, qint64 total) {
            reportProgress(promise, 0, kRange * 7 / 10, done, total, ImportDialog::tr("Reading inventory…"));
            return !promise.isCanceled();
        });
        if (promise.isCanceled()) {
            out.cancelled = true;
            promise.addResult(out);
            return;
        }
        if (!read) {
            out.error = read.errorString();
            promise.addResult(out);
            return;
        }
        parsed = std::make_shared<const Inventory>(std::move(*read));
    }
    out.parsed = parsed;
    promise.setProgressValueAndText(kRange * 7 / 10, ImportDialog::tr("Comparing with the workspace…"));
    // A connection of our own: the GUI thread's Workspace must not be used from here.
    auto ws = Workspace::open(workspacePath, Workspace::OpenMode::CreateIfMissing);
    if (!ws) {
        out.error = ws.errorString();
        promise.addResult(out);
        return;
    }
    Result<Inventory> current = (*ws)->loadInventory();
    if (!current) {
        out.error = current.errorString();
        promise.addResult(out);
        return;
    }
    auto plan = InventoryImportPlan::make(*current, *parsed, mode);
    if (!plan) {
        out.error = plan.errorString();
        promise.addResult(out);
        return;
    }
    plan->source = path;
    out.plan = std::make_shared<const InventoryImportPlan>(std::move(*plan));
    out.ok = true;
    promise.setProgressValue(kRange);
    promise.addResult(out);
}

void runSave(QPromise<ImportDialog::Outcome>& promise, const QString& workspacePath,
    std::shared_ptr<const InventoryImportPlan> plan)
{
    ImportDialog::Outcome out;
    out.step = ImportDialog::Outcome::Step::Save;
    out.plan = plan;
    promise.setProgressRange(0, kRange);
    promise.setProgressValueAndText(0, ImportDialog::tr("Saving…"));
    auto ws = Workspace::open(workspacePath, Workspace::OpenMode::CreateIfMissing);
    if (!ws) {
        out.error = ws.errorString();
        promise.addResult(out);
        return;
    }
    // What was previewed must still be what is there: another console or the CLI may have changed it since.
    Result<Inventory> current = (*ws)->loadInventory();
    if (!current) {
        out.error = current.errorString();
        promise.addResult(out);
        return;
    }
    if (current->hosts() != plan->before.hosts() || current->groups() != plan->before.groups()) {
        out.error = ImportDialog::tr("the workspace's inventory changed since this preview. Preview again to see "
                                     "what the import changes now.");
        promise.addResult(out);
        return;
    }
    const Result<void> saved = (*ws)->saveInventory(plan->after, [&](int done, int total) {
        reportProgress(promise, 0, kRange, done, total, ImportDialog::tr("Saving…"));
        return !promise.isCanceled();
    });
    if (promise.isCanceled()) {
        out.cancelled = true;
    } else if (!saved) {
        out.error = saved.errorString();
    } else {
        out.ok = true;
        promise.setProgressValue(kRange);
    }
    promise.addResult(out);
}

QString valueText(const QVariant& v)
{
    return InventoryDiff::valueText(v, 160);
}

QString diffRole(VarChange::Kind k)
{
    switch (k) {
    case VarChange::Kind::Added:
        return QStringLiteral("diff.added");
    case VarChange::Kind::Changed:
        return QStringLiteral("diff.changed");
    case VarChange::Kind::Removed:
        break;
    }
    return QStringLiteral("diff.removed");
}

} // namespace

ImportDialog::ImportDialog(const QString& workspacePath, QWidget* parent)
    : QDialog(parent)
    , m_workspacePath(workspacePath)
{
    auto* layout = new QVBoxLayout(this);
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    layout->addWidget(m_intro);

    auto* row = new QHBoxLayout;
    m_path = new QLineEdit(this);
    m_path->setObjectName(QStringLiteral("path"));
    m_path->setClearButtonEnabled(true);
    m_fileButton = new QPushButton(this);
    m_dirButton = new QPushButton(this);
    row->addWidget(m_path, 1);
    row->addWidget(m_fileButton);
    row->addWidget(m_dirButton);
    layout->addLayout(row);

    m_merge = new QRadioButton(this);
    m_merge->setObjectName(QStringLiteral("merge"));
    m_replace = new QRadioButton(this);
    m_replace->setObjectName(QStringLiteral("replace"));
    m_merge->setChecked(true);
    auto* modes = new QButtonGroup(this);
    modes->addButton(m_merge);
    modes->addButton(m_replace);
    layout->addWidget(m_merge);
    layout->addWidget(m_replace);

    m_progress = new QProgressBar(this);
    m_progress->setRange(0, kRange);
    m_progress->setValue(0);
    m_progress->setTextVisible(true);
    m_progress->hide();
    layout->addWidget(m_progress);
    m_phase = new QLabel(this);
    m_phase->hide();
    layout->addWidget(m_phase);
    m_message = new MessageBar(this);
    layout->addWidget(m_message);

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("summary"));
    m_summary->setWordWrap(true);
    m_summary->hide();
    layout->addWidget(m_summary);
    m_changes = new QTreeWidget(this);
    m_changes->setObjectName(QStringLiteral("changes"));
    m_changes->setColumnCount(2);
    m_changes->setUniformRowHeights(true);
    m_changes->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_changes->header()->setStretchLastSection(true);
    m_changes->hide();
    layout->addWidget(m_changes, 1);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_importButton = m_buttons->addButton(tr("&Preview"), QDialogButtonBox::AcceptRole);
    m_importButton->setObjectName(QStringLiteral("import"));
    m_importButton->setDefault(true);
    layout->addWidget(m_buttons);

    connect(m_fileButton, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("Inventory File"), m_path->text(),
            tr("Ansible inventories (*.ini *.yml *.yaml hosts inventory);;All files (*)"));
        if (!file.isEmpty()) {
            setPath(file);
        }
    });
    connect(m_dirButton, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Inventory Directory"), m_path->text());
        if (!dir.isEmpty()) {
            setPath(dir);
        }
    });
    connect(m_path, &QLineEdit::textChanged, this, [this] {
        // Another file: what was read and previewed no longer applies.
        m_parsed.reset();
        m_parsedPath.clear();
        clearPlan();
    });
    connect(m_merge, &QRadioButton::toggled, this, [this] {
        if (m_plan && m_plan->mode != mode()) {
            startImport(); // the preview follows the mode; the file is not read again
        }
        updateButton();
    });
    connect(m_importButton, &QPushButton::clicked, this, [this] { isReviewing() ? apply() : startImport(); });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ImportDialog::reject);
    connect(m_changes, &QTreeWidget::itemExpanded, this, &ImportDialog::fillEntry);
    connect(&m_watcher, &QFutureWatcher<Outcome>::progressValueChanged, m_progress, &QProgressBar::setValue);
    connect(&m_watcher, &QFutureWatcher<Outcome>::progressTextChanged, m_phase, &QLabel::setText);
    connect(&m_watcher, &QFutureWatcher<Outcome>::finished, this, &ImportDialog::finished);
    retranslate();
    resize(760, 300);
}

void ImportDialog::retranslate()
{
    setWindowTitle(tr("Import Ansible Inventory"));
    m_intro->setText(tr("Choose an Ansible inventory file (INI or YAML) or a directory holding one with its "
                        "group_vars/ and host_vars/. You see what changes before anything is written."));
    m_path->setPlaceholderText(tr("Path of an inventory file or directory"));
    m_fileButton->setText(tr("&File…"));
    m_dirButton->setText(tr("&Directory…"));
    m_merge->setText(tr("&Merge into the workspace's inventory: hosts and groups are added, variables combined key "
                        "by key (the imported value wins), nothing is removed"));
    m_replace->setText(
        tr("&Replace the workspace's inventory: hosts, groups and variables the file does not have are removed"));
    m_changes->setHeaderLabels({ tr("Group or host"), tr("Change") });
    if (m_plan) {
        showPlan();
    }
    updateButton();
}

void ImportDialog::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
    }
    QDialog::changeEvent(event);
}

ImportDialog::~ImportDialog()
{
    if (m_watcher.isRunning()) {
        // The save is one transaction: cancelling rolls it back, so closing never leaves half an import.
        m_watcher.cancel();
        m_watcher.waitForFinished();
    }
}

void ImportDialog::setPath(const QString& path)
{
    m_path->setText(QDir::toNativeSeparators(path));
}

QString ImportDialog::path() const
{
    return QDir::fromNativeSeparators(m_path->text().trimmed());
}

void ImportDialog::setMode(InventoryImportPlan::Mode mode)
{
    (mode == InventoryImportPlan::Mode::Replace ? m_replace : m_merge)->setChecked(true);
}

InventoryImportPlan::Mode ImportDialog::mode() const
{
    return m_replace->isChecked() ? InventoryImportPlan::Mode::Replace : InventoryImportPlan::Mode::Merge;
}

void ImportDialog::startImport()
{
    if (isRunning() || path().isEmpty()) {
        return;
    }
    if (!QFileInfo::exists(path())) {
        m_message->showMessage(
            tr("%1 does not exist. Choose an inventory file or directory.").arg(path()), MessageBar::Type::Error);
        return;
    }
    m_message->hideMessage();
    clearPlan();
    setRunning(true);
    const auto parsed = m_parsedPath == path() ? m_parsed : nullptr;
    m_watcher.setFuture(QtConcurrent::run(runPreview, m_workspacePath, path(), parsed, mode()));
}

void ImportDialog::apply()
{
    if (isRunning() || !m_plan) {
        return;
    }
    m_message->hideMessage();
    setRunning(true);
    m_watcher.setFuture(QtConcurrent::run(runSave, m_workspacePath, m_plan));
}

void ImportDialog::setRunning(bool running)
{
    m_progress->setVisible(running);
    if (running) {
        m_progress->setValue(0);
    }
    m_phase->setVisible(running);
    m_path->setEnabled(!running);
    m_fileButton->setEnabled(!running);
    m_dirButton->setEnabled(!running);
    m_merge->setEnabled(!running);
    m_replace->setEnabled(!running);
    updateButton();
}

void ImportDialog::updateButton()
{
    const bool replacing = mode() == InventoryImportPlan::Mode::Replace;
    if (!m_plan) {
        m_importButton->setText(tr("&Preview"));
        m_importButton->setToolTip(tr("Read the inventory and show what importing it changes; nothing is written yet"));
    } else {
        m_importButton->setText(replacing ? tr("&Replace Inventory") : tr("&Import"));
        m_importButton->setToolTip(tr("Write the changes shown above to the workspace (Edit › Undo takes them back)"));
    }
    m_importButton->setEnabled(!isRunning() && !path().isEmpty() && (!m_plan || !m_plan->diff.entries().isEmpty()));
}

void ImportDialog::clearPlan()
{
    m_plan.reset();
    m_changes->clear();
    m_changes->hide();
    m_summary->hide();
    updateButton();
}

void ImportDialog::finished()
{
    const bool cancelled = m_watcher.isCanceled();
    Outcome out;
    if (m_watcher.future().resultCount() > 0) {
        out = m_watcher.result();
    }
    setRunning(false);
    if (cancelled || out.cancelled) {
        m_message->showMessage(out.step == Outcome::Step::Save ? tr("Import cancelled; the workspace is unchanged.")
                                                               : tr("Preview cancelled; nothing was written."),
            MessageBar::Type::Info);
        return;
    }
    if (!out.ok) {
        m_message->showMessage(tr("Nothing was imported: %1").arg(out.error), MessageBar::Type::Error);
        if (out.step == Outcome::Step::Save) {
            clearPlan();
        }
        return;
    }
    if (out.step == Outcome::Step::Preview) {
        m_parsed = out.parsed;
        m_parsedPath = path();
        m_plan = out.plan;
        showPlan();
        return;
    }
    emit imported(out.plan);
    accept();
}

void ImportDialog::showPlan()
{
    const InventoryDiff& diff = m_plan->diff;
    const int groupsAdded = diff.groups(Entry::State::Added);
    const int hostsAdded = diff.hosts(Entry::State::Added);
    const int groupsRemoved = diff.groups(Entry::State::Removed);
    const int hostsRemoved = diff.hosts(Entry::State::Removed);
    const int changed = diff.groups(Entry::State::Changed) + diff.hosts(Entry::State::Changed);
    QStringList parts;
    if (diff.entries().isEmpty()) {
        parts.append(tr("The workspace already holds everything in this inventory: nothing to import."));
    } else {
        parts.append(tr("Added: %1 and %2.").arg(tr("%n group(s)", "", groupsAdded), tr("%n host(s)", "", hostsAdded)));
        parts.append(tr("Changed: %n group(s) or host(s).", "", changed));
        parts.append(tr("Variables: %1 added, %2 changed, %3 removed.")
                         .arg(diff.vars(VarChange::Kind::Added))
                         .arg(diff.vars(VarChange::Kind::Changed))
                         .arg(diff.vars(VarChange::Kind::Removed)));
        if (groupsRemoved + hostsRemoved > 0) {
            parts.append(QStringLiteral("<b style=\"color:%1\">%2</b>")
                             .arg(Theme::color(QStringLiteral("job.failed")).name(),
                                 tr("Removed: %1 and %2.")
                                     .arg(tr("%n group(s)", "", groupsRemoved), tr("%n host(s)", "", hostsRemoved))));
        }
    }
    for (const InventoryImportPlan::IgnoredMembers& i : m_plan->ignoredMembers) {
        parts.append(tr("Group %1 is dynamic here (rule: %2): the %n host(s) the file lists for it do not become "
                        "members.",
            "", i.hosts)
                         .arg(i.group, i.rule)
                         .toHtmlEscaped());
    }
    m_summary->setText(parts.join(QLatin1Char(' ')));
    m_summary->show();

    m_changes->clear();
    QList<QTreeWidgetItem*> items;
    items.reserve(diff.entries().size());
    for (int i = 0; i < diff.entries().size(); ++i) {
        const Entry& e = diff.entries()[i];
        auto* item = new QTreeWidgetItem;
        const QString kind = e.kind == Entry::Kind::Group ? tr("group %1") : tr("host %1");
        item->setText(0, kind.arg(e.name));
        QString state;
        QString role;
        switch (e.state) {
        case Entry::State::Added:
            state = tr("new");
            role = QStringLiteral("diff.added");
            break;
        case Entry::State::Removed:
            state = tr("removed");
            role = QStringLiteral("diff.removed");
            break;
        case Entry::State::Changed:
            state = tr("changed");
            role = QStringLiteral("diff.changed");
            break;
        }
        QStringList what { state };
        const int added = e.count(VarChange::Kind::Added);
        const int changedVars = e.count(VarChange::Kind::Changed);
        const int removed = e.count(VarChange::Kind::Removed);
        if (e.state != Entry::State::Removed) {
            if (added > 0) {
                what.append(tr("%n variable(s) added", "", added));
            }
            if (changedVars > 0) {
                what.append(tr("%n variable(s) changed", "", changedVars));
            }
            if (removed > 0) {
                what.append(tr("%n variable(s) removed", "", removed));
            }
            if (!e.hostsAdded.isEmpty()) {
                what.append(tr("%n member(s) added", "", int(e.hostsAdded.size())));
            }
            if (!e.hostsRemoved.isEmpty()) {
                what.append(tr("%n member(s) removed", "", int(e.hostsRemoved.size())));
            }
        }
        item->setText(1, what.join(tr(", ", "separator of a list")));
        item->setBackground(0, Theme::color(role));
        item->setData(0, kEntryRole, i);
        if (e.state != Entry::State::Removed) {
            item->setChildIndicatorPolicy(QTreeWidgetItem::ShowIndicator);
        }
        items.append(item);
    }
    m_changes->addTopLevelItems(items);
    if (items.size() <= kExpandAll) {
        for (QTreeWidgetItem* item : items) {
            item->setExpanded(true);
        }
    }
    m_changes->setVisible(!items.isEmpty());
    if (height() < 480 && !items.isEmpty()) {
        resize(width(), 520);
    }
    updateButton();
    m_importButton->setFocus();
}

void ImportDialog::fillEntry(QTreeWidgetItem* item)
{
    if (!m_plan || item->parent() || item->childCount() > 0) {
        return;
    }
    const int index = item->data(0, kEntryRole).toInt();
    if (index < 0 || index >= m_plan->diff.entries().size()) {
        return;
    }
    const Entry& e = m_plan->diff.entries()[index];
    const QString fileLayer
        = (e.kind == Entry::Kind::Group ? QStringLiteral("group_vars/") : QStringLiteral("host_vars/")) + e.name
        + QLatin1Char(' ');
    const auto line = [&](const QString& sign, const QString& what, const QString& detail, const QString& role) {
        auto* child = new QTreeWidgetItem(item);
        child->setText(0, sign + QLatin1Char(' ') + what);
        child->setText(1, detail);
        child->setToolTip(1, detail);
        child->setBackground(0, Theme::color(role));
    };
    for (const VarChange& c : e.vars) {
        const QString key = (c.fileLayer ? fileLayer : QString()) + c.key;
        switch (c.kind) {
        case VarChange::Kind::Added:
            line(QStringLiteral("+"), key, valueText(c.after), diffRole(c.kind));
            break;
        case VarChange::Kind::Changed:
            line(QStringLiteral("~"), key, valueText(c.before) + QStringLiteral("  →  ") + valueText(c.after),
                diffRole(c.kind));
            break;
        case VarChange::Kind::Removed:
            line(QStringLiteral("−"), key, valueText(c.before), diffRole(c.kind));
            break;
        }
    }
    for (const QString& h : e.hostsAdded) {
        line(QStringLiteral("+"), tr("member %1").arg(h), {}, QStringLiteral("diff.added"));
    }
    for (const QString& h : e.hostsRemoved) {
        line(QStringLiteral("−"), tr("member %1").arg(h), {}, QStringLiteral("diff.removed"));
    }
    for (const QString& c : e.childrenAdded) {
        line(QStringLiteral("+"), tr("child group %1").arg(c), {}, QStringLiteral("diff.added"));
    }
    for (const QString& c : e.childrenRemoved) {
        line(QStringLiteral("−"), tr("child group %1").arg(c), {}, QStringLiteral("diff.removed"));
    }
    for (const QString& o : e.other) {
        line(QStringLiteral("~"), o, {}, QStringLiteral("diff.changed"));
    }
    if (item->childCount() == 0) {
        item->setChildIndicatorPolicy(QTreeWidgetItem::DontShowIndicator);
    }
}

void ImportDialog::reject()
{
    if (isRunning()) {
        // First Cancel stops the running step (a save is rolled back); the dialog stays to say so.
        m_watcher.cancel();
        return;
    }
    QDialog::reject();
}
