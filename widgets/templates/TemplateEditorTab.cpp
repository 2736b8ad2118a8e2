#include "TemplateEditorTab.h"

#include "DiffView.h"
#include "FindReplaceBar.h"
#include "ScriptEditor.h"
#include "Theme.h"
#include "common/LayerText.h"
#include "core/VarCodec.h"
#include "jinja/Template.h"
#include "templates/JinjaSyntax.h"

#include <QComboBox>
#include <QCompleter>
#include <QEvent>
#include <QFontDatabase>
#include <QFutureWatcher>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QShortcut>
#include <QSplitter>
#include <QStyle>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace {

using Outcomes = QPair<TemplatePreview::Outcome, TemplatePreview::Outcome>;

// Renders for the host and, when `compare` is set, for the second host. Runs on the GUI thread or a worker.
Outcomes renderBoth(const QString& source, const QString& name, const Jinja::Options& options,
    const QVariantMap& context, const QVariantMap& compareContext, bool compare)
{
    Outcomes out;
    out.first = TemplatePreview::render(source, name, options, context);
    if (compare) {
        out.second = TemplatePreview::render(source, name, options, compareContext);
    }
    return out;
}

QString layerDescription(const VarLayer& layer)
{
    switch (layer.kind) {
    case VarLayer::Kind::Group:
        return TemplateEditorTab::tr("group %1").arg(layer.name);
    case VarLayer::Kind::GroupFile:
        return TemplateEditorTab::tr("group_vars/%1").arg(layer.name);
    case VarLayer::Kind::Host:
        return TemplateEditorTab::tr("host %1").arg(layer.name);
    case VarLayer::Kind::HostFile:
        return TemplateEditorTab::tr("host_vars/%1").arg(layer.name);
    case VarLayer::Kind::Facts:
        return LayerText::fact(layer); // "fact, gathered 2 h ago"
    case VarLayer::Kind::Job:
        break;
    }
    return TemplateEditorTab::tr("the job");
}

QString shortValue(const QVariant& value)
{
    QString text = LayerText::value(value); // a vault-encrypted value stays masked
    if (text.size() > 200) {
        text = text.left(200) + QStringLiteral("…");
    }
    return text.toHtmlEscaped();
}

// The span of the tag around a column of a line ({{ … }}, {% … %}), else the word there: what an error underlines.
QPair<int, int> errorSpan(const QString& line, int column)
{
    const int at = std::clamp(column - 1, 0, int(std::max<qsizetype>(line.size() - 1, 0)));
    qsizetype open = -1;
    for (const QLatin1String opener : { QLatin1String("{{"), QLatin1String("{%") }) {
        open = std::max(open, line.lastIndexOf(opener, at + 1 < line.size() ? at + 1 : -1));
    }
    if (open >= 0) {
        const QLatin1String closer = line.at(open + 1) == QLatin1Char('{') ? QLatin1String("}}") : QLatin1String("%}");
        const qsizetype close = line.indexOf(closer, open + 2);
        if (close >= at - 1 && close >= 0) {
            return { int(open) + 1, int(close + 2 - open) };
        }
    }
    int end = at;
    while (end < line.size() && (line.at(end).isLetterOrNumber() || line.at(end) == QLatin1Char('_'))) {
        ++end;
    }
    return { at + 1, std::max(1, end - at) };
}

} // namespace

TemplateEditorTab::TemplateEditorTab(const ConfigTemplate& tmpl, const Inventory* inventory, QWidget* parent)
    : LibraryTab(parent)
    , m_stored(tmpl)
    , m_inventory(inventory)
{
    buildUi();
    retranslateUi();
    load(tmpl);
    fillHosts();
    renderNow();
}

TemplateEditorTab::~TemplateEditorTab()
{
    // A worker still rendering finishes on its own; its result is dropped with the watcher.
    if (m_watcher) {
        m_watcher->disconnect(this);
    }
}

void TemplateEditorTab::buildUi()
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    auto* header = new QWidget(this);
    auto* grid = new QGridLayout(header);
    grid->setContentsMargins(8, 4, 8, 4);
    grid->setVerticalSpacing(4);
    for (QLabel*& label : m_labels) {
        label = new QLabel(header);
    }
    m_name = new QLineEdit(header);
    m_name->setObjectName(QStringLiteral("templateName"));
    m_destination = new QLineEdit(header);
    m_destination->setObjectName(QStringLiteral("templateDestination"));
    m_modeEdit = new QLineEdit(header);
    m_modeEdit->setObjectName(QStringLiteral("templateMode"));
    m_modeEdit->setMaximumWidth(QFontMetrics(font()).horizontalAdvance(QStringLiteral("00000")) + 16);
    m_owner = new QLineEdit(header);
    m_owner->setObjectName(QStringLiteral("templateOwner"));
    m_description = new QLineEdit(header);
    m_description->setObjectName(QStringLiteral("templateDescription"));
    grid->addWidget(m_labels[0], 0, 0);
    grid->addWidget(m_name, 0, 1);
    grid->addWidget(m_labels[1], 0, 2);
    grid->addWidget(m_destination, 0, 3);
    grid->addWidget(m_labels[2], 0, 4);
    grid->addWidget(m_modeEdit, 0, 5);
    grid->addWidget(m_labels[3], 0, 6);
    grid->addWidget(m_owner, 0, 7);
    grid->addWidget(m_labels[4], 1, 0);
    grid->addWidget(m_description, 1, 1, 1, 7);
    grid->setColumnStretch(1, 2);
    grid->setColumnStretch(3, 3);
    grid->setColumnStretch(7, 1);
    layout->addWidget(header);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("templateSplitter"));
    m_splitter->setChildrenCollapsible(false);

    auto* left = new QWidget(m_splitter);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->setSpacing(0);
    m_editor = new ScriptEditor(left);
    m_editor->setObjectName(QStringLiteral("templateEditor"));
    m_editor->setTemplateSyntax(JinjaSyntax::FileSyntax::Plain);
    m_editor->setHoverTextProvider([this](int line, int column) { return variableHoverText(line, column); });
    leftLayout->addWidget(m_editor, 1);
    m_findBar = new FindReplaceBar(m_editor, left);
    m_findBar->hide();
    // The page's Find and Replace actions open this bar (see ScriptEditorTab).
    for (QShortcut* shortcut : m_editor->findChildren<QShortcut*>()) {
        if (shortcut->key() == QKeySequence(QKeySequence::Find)
            || shortcut->key() == QKeySequence(Qt::CTRL | Qt::Key_H)) {
            shortcut->setEnabled(false);
        }
    }
    leftLayout->addWidget(m_findBar);

    auto* right = new QWidget(m_splitter);
    right->setObjectName(QStringLiteral("templatePreviewPanel"));
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(4, 4, 4, 0);
    rightLayout->setSpacing(4);
    auto* hostRow = new QHBoxLayout;
    m_hostLabel = new QLabel(right);
    m_host = new QComboBox(right);
    m_host->setObjectName(QStringLiteral("previewHost"));
    m_modeLabel = new QLabel(right);
    m_mode = new QComboBox(right);
    m_mode->setObjectName(QStringLiteral("undefinedMode"));
    m_mode->addItem(QString(), int(Jinja::UndefinedMode::Strict));
    m_mode->addItem(QString(), int(Jinja::UndefinedMode::Lenient));
    m_mode->addItem(QString(), int(Jinja::UndefinedMode::Chainable));
    hostRow->addWidget(m_hostLabel);
    hostRow->addWidget(m_host, 1);
    hostRow->addWidget(m_modeLabel);
    hostRow->addWidget(m_mode);
    rightLayout->addLayout(hostRow);
    auto* compareRow = new QHBoxLayout;
    m_compareLabel = new QLabel(right);
    m_compareHost = new QComboBox(right);
    m_compareHost->setObjectName(QStringLiteral("compareHost"));
    compareRow->addWidget(m_compareLabel);
    compareRow->addWidget(m_compareHost, 1);
    rightLayout->addLayout(compareRow);
    for (QComboBox* combo : { m_host, m_compareHost }) {
        // Typing a part of a name finds the host among thousands.
        combo->setEditable(true);
        combo->setInsertPolicy(QComboBox::NoInsert);
        combo->completer()->setCompletionMode(QCompleter::PopupCompletion);
        combo->completer()->setFilterMode(Qt::MatchContains);
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(14);
    }

    auto* previewSplit = new QSplitter(Qt::Vertical, right);
    m_previewTabs = new QTabWidget(previewSplit);
    m_previewTabs->setObjectName(QStringLiteral("previewTabs"));
    m_previewTabs->setDocumentMode(true);
    m_preview = new ScriptEditor(m_previewTabs);
    m_preview->setObjectName(QStringLiteral("templatePreview"));
    m_preview->setReadOnly(true);
    m_preview->setMarginWidth(ScriptEditor::FindingMargin, 0);
    m_preview->setFolding(QsciScintilla::NoFoldStyle, ScriptEditor::FoldMargin);
    m_preview->setTemplateSyntax(JinjaSyntax::FileSyntax::Plain);
    m_previewTabs->addTab(m_preview, QString());
    m_compare = new DiffView(m_previewTabs);
    m_compare->setObjectName(QStringLiteral("hostCompare"));
    m_previewTabs->addTab(m_compare, QString());
    m_jobVarsPage = new QWidget(m_previewTabs);
    auto* jobLayout = new QVBoxLayout(m_jobVarsPage);
    jobLayout->setContentsMargins(4, 4, 4, 4);
    m_jobVarsHelp = new QLabel(m_jobVarsPage);
    m_jobVarsHelp->setWordWrap(true);
    jobLayout->addWidget(m_jobVarsHelp);
    m_jobVars = new QPlainTextEdit(m_jobVarsPage);
    m_jobVars->setObjectName(QStringLiteral("previewJobVariables"));
    m_jobVars->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_jobVars->setTabChangesFocus(true);
    jobLayout->addWidget(m_jobVars, 1);
    m_jobVarsStatus = new QLabel(m_jobVarsPage);
    m_jobVarsStatus->setObjectName(QStringLiteral("previewJobVariablesStatus"));
    m_jobVarsStatus->setWordWrap(true);
    m_jobVarsStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    jobLayout->addWidget(m_jobVarsStatus);
    m_previewTabs->addTab(m_jobVarsPage, QString());
    auto* undefinedBox = new QWidget(previewSplit);
    auto* undefinedLayout = new QVBoxLayout(undefinedBox);
    undefinedLayout->setContentsMargins(0, 0, 0, 0);
    undefinedLayout->setSpacing(2);
    m_undefinedTitle = new QLabel(undefinedBox);
    undefinedLayout->addWidget(m_undefinedTitle);
    m_undefined = new QListWidget(undefinedBox);
    m_undefined->setObjectName(QStringLiteral("undefinedVariables"));
    m_undefined->setIconSize(QSize(16, 16));
    undefinedLayout->addWidget(m_undefined, 1);
    previewSplit->addWidget(m_previewTabs);
    previewSplit->addWidget(undefinedBox);
    previewSplit->setStretchFactor(0, 4);
    previewSplit->setStretchFactor(1, 1);
    previewSplit->setSizes({ 500, 110 });
    rightLayout->addWidget(previewSplit, 1);

    m_splitter->addWidget(left);
    m_splitter->addWidget(right);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setSizes({ 600, 400 });
    layout->addWidget(m_splitter, 1);

    auto* footer = new QWidget(this);
    auto* footerLayout = new QHBoxLayout(footer);
    footerLayout->setContentsMargins(8, 2, 8, 2);
    m_status = new QLabel(footer);
    m_status->setObjectName(QStringLiteral("templateStatus"));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    footerLayout->addWidget(m_status, 3);
    m_note = new QLineEdit(footer);
    m_note->setObjectName(QStringLiteral("changeNote"));
    footerLayout->addWidget(m_note, 1);
    layout->addWidget(footer);

    m_renderTimer = new QTimer(this);
    m_renderTimer->setSingleShot(true);
    m_renderTimer->setInterval(kDebounceMs);
    connect(m_renderTimer, &QTimer::timeout, this, &TemplateEditorTab::renderNow);
    connect(m_editor, &QsciScintilla::textChanged, this, [this] {
        updateModified();
        scheduleRender();
    });
    for (QLineEdit* edit : { m_name, m_modeEdit, m_owner, m_description }) {
        connect(edit, &QLineEdit::textChanged, this, [this] {
            updateModified();
            emit titleChanged();
        });
    }
    connect(m_destination, &QLineEdit::textChanged, this, [this] {
        updateModified();
        updateFileSyntax();
    });
    connect(m_host, &QComboBox::currentTextChanged, this, [this] {
        updateContext();
        scheduleRender();
    });
    connect(m_compareHost, &QComboBox::currentTextChanged, this, [this] {
        updateContext();
        scheduleRender();
    });
    connect(m_mode, &QComboBox::currentIndexChanged, this, &TemplateEditorTab::scheduleRender);
    connect(m_jobVars, &QPlainTextEdit::textChanged, this, [this] {
        parseJobVariables();
        applyJobVariables(); // the hosts' own contexts stay as they are
        scheduleRender();
        if (!m_loading) {
            emit jobVariablesChanged();
        }
    });
    connect(m_previewTabs, &QTabWidget::currentChanged, this, &TemplateEditorTab::scheduleRender);
    connect(m_undefined, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        // Jump to the first use of the variable.
        const QString name = item->data(Qt::UserRole).toString();
        if (m_editor->findFirst(name, false, true, true, false, true, 0, 0)) {
            m_editor->setFocus();
        }
    });
}

void TemplateEditorTab::retranslateUi()
{
    m_labels[0]->setText(tr("Name:"));
    m_labels[1]->setText(tr("Destination:"));
    m_labels[2]->setText(tr("Mode:"));
    m_labels[3]->setText(tr("Owner:"));
    m_labels[4]->setText(tr("Description:"));
    m_destination->setPlaceholderText(tr("/etc/app/app.conf (picks the file syntax)"));
    m_modeEdit->setPlaceholderText(QStringLiteral("0644"));
    m_owner->setPlaceholderText(tr("user:group"));
    m_description->setPlaceholderText(tr("What this file is for"));
    m_hostLabel->setText(tr("Preview for:"));
    m_modeLabel->setText(tr("Undefined:"));
    m_mode->setItemText(0, tr("strict"));
    m_mode->setItemText(1, tr("lenient"));
    m_mode->setItemText(2, tr("chainable"));
    m_mode->setToolTip(tr("strict: an undefined variable is an error (as Ansible); lenient: it renders empty; "
                          "chainable: also a.b.c of an undefined a renders empty"));
    m_compareLabel->setText(tr("Compare with:"));
    m_compareHost->setToolTip(tr("A second host: the Compare tab shows both outputs side by side"));
    m_previewTabs->setTabText(0, tr("Preview"));
    m_previewTabs->setTabText(1, tr("Compare Hosts"));
    m_jobVarsHelp->setText(tr("Variables a run gives at launch (YAML), above every other layer: the preview and the "
                              "comparison render with them, as a push with the same job variables will."));
    m_jobVars->setPlaceholderText(tr("release: 2.4.1\nfeature_flags: [a, b]"));
    parseJobVariables(); // the status text is translated
    m_note->setPlaceholderText(tr("Note for the next version (optional)"));
    updateStatus();
}

void TemplateEditorTab::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange && m_name) {
        retranslateUi();
    }
}

void TemplateEditorTab::load(const ConfigTemplate& tmpl)
{
    m_loading = true;
    m_name->setText(tmpl.name);
    m_destination->setText(tmpl.destination);
    m_modeEdit->setText(tmpl.mode);
    m_owner->setText(tmpl.owner);
    m_description->setText(tmpl.description);
    m_editor->setText(tmpl.content);
    m_loading = false;
    updateFileSyntax();
    updateModified();
}

void TemplateEditorTab::loadDraft(const ConfigTemplate& draft)
{
    load(draft);
    scheduleRender();
}

ConfigTemplate TemplateEditorTab::edited() const
{
    ConfigTemplate t = m_stored;
    t.name = m_name->text().trimmed();
    t.destination = m_destination->text().trimmed();
    t.mode = m_modeEdit->text().trimmed();
    t.owner = m_owner->text().trimmed();
    t.description = m_description->text();
    t.content = m_editor->text();
    return t;
}

void TemplateEditorTab::setStored(const ConfigTemplate& tmpl)
{
    m_stored = tmpl;
    updateModified();
    emit titleChanged();
}

QString TemplateEditorTab::title() const
{
    const QString name = m_name->text().trimmed();
    return name.isEmpty() ? tr("Untitled") : name;
}

QString TemplateEditorTab::changeNote() const
{
    return m_note->text().trimmed();
}

void TemplateEditorTab::clearChangeNote()
{
    m_note->clear();
}

QString TemplateEditorTab::validationProblem() const
{
    return edited().problem();
}

void TemplateEditorTab::updateModified()
{
    if (m_loading) {
        return;
    }
    const bool modified = isNew() || !edited().sameVersionedFields(m_stored);
    if (modified != m_modified) {
        m_modified = modified;
        emit modifiedChanged(modified);
    }
}

void TemplateEditorTab::updateFileSyntax()
{
    const JinjaSyntax::FileSyntax syntax = JinjaSyntax::fileSyntaxFor(m_destination->text().trimmed());
    m_editor->setTemplateSyntax(syntax);
    m_preview->setTemplateSyntax(syntax);
}

void TemplateEditorTab::fillHosts()
{
    const QString current = m_host->currentText();
    const QString compare = m_compareHost->currentText();
    QStringList names;
    if (m_inventory) {
        names.reserve(m_inventory->hosts().size());
        for (const Host& h : m_inventory->hosts()) {
            names.append(h.name);
        }
    }
    names.sort();
    for (QComboBox* combo : { m_host, m_compareHost }) {
        QSignalBlocker block(combo);
        combo->clear();
        combo->addItems(names);
    }
    {
        QSignalBlocker block(m_compareHost);
        m_compareHost->insertItem(0, QString());
        m_compareHost->setCurrentIndex(std::max(0, int(m_compareHost->findText(compare))));
    }
    {
        QSignalBlocker block(m_host);
        m_host->setCurrentIndex(names.contains(current) ? int(m_host->findText(current)) : 0);
    }
    updateContext();
}

void TemplateEditorTab::inventoryChanged()
{
    fillHosts();
    scheduleRender();
}

void TemplateEditorTab::setHost(const QString& host)
{
    m_host->setCurrentIndex(m_host->findText(host));
}

QString TemplateEditorTab::host() const
{
    return m_host->currentText();
}

void TemplateEditorTab::setCompareHost(const QString& host)
{
    m_compareHost->setCurrentIndex(std::max(0, int(m_compareHost->findText(host))));
}

QString TemplateEditorTab::compareHost() const
{
    return m_compareHost->currentText();
}

void TemplateEditorTab::setUndefinedMode(Jinja::UndefinedMode mode)
{
    m_mode->setCurrentIndex(m_mode->findData(int(mode)));
}

void TemplateEditorTab::updateContext()
{
    m_hostContext.clear();
    m_hostCompareContext.clear();
    m_provenance.clear();
    m_hasHost = false;
    if (m_inventory) {
        const QString host = m_host->currentText();
        if (m_inventory->host(host)) {
            m_hasHost = true;
            m_hostContext = TemplatePreview::hostContext(*m_inventory, host);
            m_provenance = m_inventory->resolveVarsWithProvenance(host);
        }
        const QString compare = m_compareHost->currentText();
        if (m_inventory->host(compare)) {
            m_hostCompareContext = TemplatePreview::hostContext(*m_inventory, compare);
        }
    }
    applyJobVariables();
}

void TemplateEditorTab::applyJobVariables()
{
    // The job layer on top, as the push renders it (its top-level names replace the host's).
    m_context = m_hostContext;
    m_compareContext = m_hostCompareContext;
    for (auto it = m_jobVariables.cbegin(); it != m_jobVariables.cend(); ++it) {
        m_context.insert(it.key(), it.value());
        if (!m_compareContext.isEmpty()) {
            m_compareContext.insert(it.key(), it.value());
        }
    }
}

void TemplateEditorTab::setJobVariables(const QString& yaml)
{
    m_jobVars->setPlainText(yaml);
}

QString TemplateEditorTab::jobVariablesText() const
{
    return m_jobVars->toPlainText();
}

void TemplateEditorTab::parseJobVariables()
{
    m_jobVariables.clear();
    m_jobVarsError.clear();
    QPalette pal = m_jobVarsStatus->palette();
    pal.setColor(QPalette::WindowText, palette().color(QPalette::WindowText));
    const QString text = m_jobVars->toPlainText();
    if (text.trimmed().isEmpty()) {
        m_jobVarsStatus->setText(tr("No job variables: the preview renders with the host's variables only."));
    } else if (auto vars = VarCodec::fromYamlMapping(text.toUtf8(), tr("job variables")); !vars) {
        m_jobVarsError = vars.error().toString();
        m_jobVarsStatus->setText(
            tr("%1 — the preview ignores the job variables until this is fixed.").arg(m_jobVarsError));
        pal.setColor(QPalette::WindowText, Theme::color(QStringLiteral("syntax.error")));
    } else {
        m_jobVariables = *vars;
        QStringList names = m_jobVariables.keys();
        m_jobVarsStatus->setText(tr("Above the host's variables: %1").arg(names.join(QStringLiteral(", "))));
    }
    m_jobVarsStatus->setPalette(pal);
    const int index = m_previewTabs->indexOf(m_jobVarsPage);
    m_previewTabs->setTabText(
        index, m_jobVariables.isEmpty() ? tr("Job Variables") : tr("Job Variables (%1)").arg(m_jobVariables.size()));
    m_previewTabs->setTabIcon(
        index, m_jobVarsError.isEmpty() ? QIcon() : style()->standardIcon(QStyle::SP_MessageBoxWarning));
}

void TemplateEditorTab::scheduleRender()
{
    if (!m_loading) {
        m_renderTimer->start();
    }
}

void TemplateEditorTab::renderNow()
{
    m_renderTimer->stop();
    if (m_renderPending) {
        m_renderAgain = true; // the running worker's result is stale; render again when it is in
        ++m_generation;
        return;
    }
    Jinja::Options options;
    options.undefined = Jinja::UndefinedMode(m_mode->currentData().toInt());
    const QString source = m_editor->text();
    const QString name = m_name->text().trimmed().isEmpty() ? tr("template") : m_name->text().trimmed();
    const bool compare = !m_compareContext.isEmpty() && m_previewTabs->currentWidget() == m_compare;
    const bool async = source.size() >= kAsyncChars || m_outcome.elapsedMicroseconds >= kAsyncAfterMs * 1000;
    if (!async) {
        const Outcomes out = renderBoth(source, name, options, m_context, m_compareContext, compare);
        applyOutcome(out.first, out.second.output, compare && out.second.ok);
        return;
    }
    const quint64 generation = ++m_generation;
    m_renderPending = true;
    if (!m_watcher) {
        m_watcher = new QFutureWatcher<Outcomes>(this);
        connect(m_watcher, &QFutureWatcher<Outcomes>::finished, this, [this] {
            m_renderPending = false;
            const Outcomes out = m_watcher->result();
            const bool stale = m_watcher->property("generation").toULongLong() != m_generation;
            const bool compared = m_watcher->property("compare").toBool();
            if (!stale) {
                applyOutcome(out.first, out.second.output, compared && out.second.ok);
            }
            if (stale || m_renderAgain) {
                m_renderAgain = false;
                // Measured as slow: the next render goes to a worker again.
                m_outcome.elapsedMicroseconds = std::max(m_outcome.elapsedMicroseconds, out.first.elapsedMicroseconds);
                renderNow();
            }
        });
    }
    m_watcher->setProperty("generation", generation);
    m_watcher->setProperty("compare", compare);
    m_watcher->setFuture(QtConcurrent::run(renderBoth, source, name, options, m_context, m_compareContext, compare));
}

void TemplateEditorTab::applyOutcome(
    const TemplatePreview::Outcome& outcome, const QString& compareOutput, bool compareOk)
{
    m_outcome = outcome;
    ScriptFindings findings;
    if (!outcome.ok) {
        const int line = std::max(1, outcome.error.where.line);
        const QString lineText = m_editor->text(line - 1).remove(QLatin1Char('\n')).remove(QLatin1Char('\r'));
        const auto [column, length] = outcome.error.where.column > 0 ? errorSpan(lineText, outcome.error.where.column)
                                                                     : QPair<int, int>(1, int(lineText.size()));
        ScriptFinding f;
        f.source = ScriptFinding::Source::Template;
        f.severity = ScriptFinding::Severity::Error;
        f.line = line;
        f.column = column;
        f.length = std::max(1, length);
        f.message = outcome.error.message;
        findings.append(f);
    }
    m_editor->setFindings(ScriptFinding::Source::Template, findings);
    if (outcome.ok) {
        // Keep the reader's place: the preview changes under them as they type.
        const int first = m_preview->firstVisibleLine();
        m_preview->setReadOnly(false);
        m_preview->setText(outcome.output);
        m_preview->setReadOnly(true);
        m_preview->setFirstVisibleLine(first);
    }
    if (compareOk) {
        m_compare->setTemplateTexts(m_preview->text(), compareOutput,
            JinjaSyntax::fileSyntaxFor(m_destination->text().trimmed()), m_host->currentText(),
            m_compareHost->currentText());
    }
    m_undefined->clear();
    for (const QString& name : outcome.undefinedNames) {
        auto* item = new QListWidgetItem(name, m_undefined);
        item->setData(Qt::UserRole, name);
        item->setIcon(style()->standardIcon(QStyle::SP_MessageBoxWarning));
        QString tip
            = tr("“%1” is not defined for %2; double-click to find its first use").arg(name, m_host->currentText());
        if (const QString advice = Jinja::undefinedAdvice(name); !advice.isEmpty()) {
            tip += QLatin1Char('\n') + advice; // hostvars, lookup, facts …: why OpsDeck has no such name
        }
        item->setToolTip(tip);
    }
    updateStatus();
    emit previewUpdated();
}

void TemplateEditorTab::updateStatus()
{
    if (!m_status) {
        return;
    }
    m_undefinedTitle->setText(m_outcome.undefinedNames.isEmpty()
            ? tr("Undefined variables: none")
            : tr("Undefined variables for %1: %n", nullptr, int(m_outcome.undefinedNames.size()))
                  .arg(m_host->currentText()));
    QPalette pal = m_status->palette();
    if (!m_outcome.ok && !m_outcome.error.message.isEmpty()) {
        QString text = tr("Line %1, column %2: %3")
                           .arg(m_outcome.error.where.line)
                           .arg(m_outcome.error.where.column)
                           .arg(m_outcome.error.message);
        if (!m_preview->text().isEmpty()) {
            // The preview keeps the last output that rendered: the author still sees the file while fixing.
            text += tr(" (the preview shows the last successful render)");
        }
        m_status->setText(text);
        pal.setColor(QPalette::WindowText, Theme::color(QStringLiteral("syntax.error")));
    } else if (m_outcome.ok && !m_jobVarsError.isEmpty()) {
        m_status->setText(tr("Job variables: %1 (the preview renders without them)").arg(m_jobVarsError));
        pal.setColor(QPalette::WindowText, Theme::color(QStringLiteral("syntax.error")));
    } else if (m_outcome.ok && !m_hasHost) {
        m_status->setText(tr("No host chosen (the inventory is empty?): the preview renders with no variables."));
        pal.setColor(QPalette::WindowText, palette().color(QPalette::WindowText));
    } else if (m_outcome.ok) {
        m_status->setText(tr("Rendered for %1 in %2 ms")
                              .arg(m_host->currentText())
                              .arg(double(m_outcome.elapsedMicroseconds) / 1000.0, 0, 'f', 1));
        pal.setColor(QPalette::WindowText, palette().color(QPalette::WindowText));
    }
    m_status->setPalette(pal);
    m_status->setToolTip(m_status->text());
}

QString TemplateEditorTab::variableHoverText(int line, int column) const
{
    const auto ref = JinjaSyntax::variableAt(m_editor->text(), line, column);
    if (!ref) {
        return {};
    }
    const QString host = m_host->currentText().toHtmlEscaped();
    const QString name = ref->path.toHtmlEscaped();
    if (TemplatePreview::magicVariableNames().contains(ref->root)) {
        const auto value = TemplatePreview::valueAt(m_context, ref->path);
        return tr("<b>%1</b> = %2<br/>for %3: set by OpsDeck for every host, as Ansible does")
            .arg(name, value ? shortValue(*value) : QStringLiteral("?"), host);
    }
    const auto it = std::find_if(
        m_provenance.cbegin(), m_provenance.cend(), [&](const ResolvedVar& r) { return r.key == ref->root; });
    if (m_jobVariables.contains(ref->root)) {
        const auto value = TemplatePreview::valueAt(m_context, ref->path);
        QString text = value ? tr("<b>%1</b> = %2").arg(name, shortValue(*value))
                             : tr("<b>%1</b>: %2 has no such key").arg(name, ref->root.toHtmlEscaped());
        text += QLatin1String("<br/>")
            + tr("for %1, from <i>the job variables</i> of this preview (given at launch)").arg(host);
        if (it != m_provenance.cend()) {
            text += QLatin1String("<br/>")
                + tr("overrides %1: %2").arg(layerDescription(it->source).toHtmlEscaped(), shortValue(it->value));
        }
        return text;
    }
    if (it == m_provenance.cend()) {
        return tr("<b>%1</b> is not defined for %2 (unless the template sets it)").arg(name, host);
    }
    const auto value = TemplatePreview::valueAt(m_context, ref->path);
    QString text = value ? tr("<b>%1</b> = %2").arg(name, shortValue(*value))
                         : tr("<b>%1</b>: %2 has no such key").arg(name, ref->root.toHtmlEscaped());
    text += QLatin1String("<br/>")
        + tr("for %1, from %2")
              .arg(host, QStringLiteral("<i>%1</i>").arg(layerDescription(it->source).toHtmlEscaped()));
    // Nearest overridden layer first: what this value won against.
    for (auto o = it->overridden.crbegin(); o != it->overridden.crend(); ++o) {
        text += QLatin1String("<br/>")
            + tr("overrides %1: %2").arg(layerDescription(o->first).toHtmlEscaped(), shortValue(o->second));
    }
    return text;
}
