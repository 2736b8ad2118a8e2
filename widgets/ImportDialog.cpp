#include "ImportDialog.h"

#include "AnsibleInventory.h"
#include "MessageBar.h"
#include "Workspace.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPromise>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace {

// Progress is reported as 0..1000: the first half parsing, the second half saving.
constexpr int kRange = 1000;

void runImport(QPromise<ImportDialog::Outcome>& promise, const QString& workspacePath, const QString& path)
{
    ImportDialog::Outcome out;
    promise.setProgressRange(0, kRange);
    auto report = [&](int base, qint64 done, qint64 total, const QString& text) {
        const int value = base + (total > 0 ? int(done * (kRange / 2) / total) : 0);
        promise.setProgressValueAndText(std::min(value, kRange), text);
        return !promise.isCanceled();
    };
    promise.setProgressValueAndText(0, ImportDialog::tr("Reading %1…").arg(QFileInfo(path).fileName()));
    Result<Inventory> parsed = AnsibleInventory::importPath(path,
        [&](qint64 done, qint64 total) { return report(0, done, total, ImportDialog::tr("Reading inventory…")); });
    if (promise.isCanceled()) {
        out.cancelled = true;
        promise.addResult(out);
        return;
    }
    if (!parsed) {
        out.error = parsed.errorString();
        promise.addResult(out);
        return;
    }
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
    Inventory merged = std::move(*current);
    merged.merge(*parsed);
    promise.setProgressValueAndText(kRange / 2, ImportDialog::tr("Saving…"));
    const Result<void> saved = (*ws)->saveInventory(
        merged, [&](int done, int total) { return report(kRange / 2, done, total, ImportDialog::tr("Saving…")); });
    if (promise.isCanceled()) {
        out.cancelled = true;
    } else if (!saved) {
        out.error = saved.errorString();
    } else {
        out.ok = true;
        out.hosts = int(parsed->hosts().size());
        // "all" and "ungrouped" always exist; they are not something the file defined.
        for (const Group& g : parsed->groups()) {
            if (g.name != QLatin1String("all") && g.name != QLatin1String("ungrouped")) {
                ++out.groups;
            }
        }
        promise.setProgressValue(kRange);
    }
    promise.addResult(out);
}

} // namespace

ImportDialog::ImportDialog(const QString& workspacePath, QWidget* parent)
    : QDialog(parent)
    , m_workspacePath(workspacePath)
{
    setWindowTitle(tr("Import Ansible Inventory"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("Choose an Ansible inventory file (INI or YAML) or a directory holding one with its "
                                "group_vars/ and host_vars/. Hosts and groups are merged into the workspace; "
                                "imported values win."),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto* row = new QHBoxLayout;
    m_path = new QLineEdit(this);
    m_path->setObjectName(QStringLiteral("path"));
    m_path->setPlaceholderText(tr("Path of an inventory file or directory"));
    m_path->setClearButtonEnabled(true);
    m_fileButton = new QPushButton(tr("&File…"), this);
    m_dirButton = new QPushButton(tr("&Directory…"), this);
    row->addWidget(m_path, 1);
    row->addWidget(m_fileButton);
    row->addWidget(m_dirButton);
    layout->addLayout(row);

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
    layout->addStretch(1);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_importButton = m_buttons->addButton(tr("&Import"), QDialogButtonBox::AcceptRole);
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
    connect(m_path, &QLineEdit::textChanged, this,
        [this](const QString& text) { m_importButton->setEnabled(!text.trimmed().isEmpty() && !isRunning()); });
    connect(m_importButton, &QPushButton::clicked, this, &ImportDialog::startImport);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ImportDialog::reject);
    connect(&m_watcher, &QFutureWatcher<Outcome>::progressValueChanged, m_progress, &QProgressBar::setValue);
    connect(&m_watcher, &QFutureWatcher<Outcome>::progressTextChanged, m_phase, &QLabel::setText);
    connect(&m_watcher, &QFutureWatcher<Outcome>::finished, this, &ImportDialog::finished);
    m_importButton->setEnabled(false);
    resize(560, 240);
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
    setRunning(true);
    m_watcher.setFuture(QtConcurrent::run(runImport, m_workspacePath, path()));
}

void ImportDialog::setRunning(bool running)
{
    m_progress->setVisible(running || m_progress->value() > 0);
    m_phase->setVisible(running);
    m_path->setEnabled(!running);
    m_fileButton->setEnabled(!running);
    m_dirButton->setEnabled(!running);
    m_importButton->setEnabled(!running && !path().isEmpty());
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
        m_progress->setValue(0);
        m_progress->hide();
        m_message->showMessage(tr("Import cancelled; the workspace is unchanged."), MessageBar::Type::Info);
        return;
    }
    if (!out.ok) {
        m_progress->setValue(0);
        m_progress->hide();
        m_message->showMessage(tr("Nothing was imported: %1").arg(out.error), MessageBar::Type::Error);
        return;
    }
    emit imported(out.hosts, out.groups);
    accept();
}

void ImportDialog::reject()
{
    if (isRunning()) {
        // First Cancel stops the import (rolled back); the dialog stays to say so.
        m_watcher.cancel();
        return;
    }
    QDialog::reject();
}
