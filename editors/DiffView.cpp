#include "DiffView.h"

#include "ScriptEditor.h"
#include "Theme.h"

#include <QApplication>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollBar>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>

DiffView::DiffView(QWidget* parent)
    : QWidget(parent)
    , m_old(new ScriptEditor(this))
    , m_new(new ScriptEditor(this))
    , m_oldTitle(new QLabel(this))
    , m_newTitle(new QLabel(this))
    , m_position(new QLabel(this))
    , m_previous(new QToolButton(this))
    , m_next(new QToolButton(this))
{
    setupPane(m_old);
    setupPane(m_new);
    for (QLabel* title : { m_oldTitle, m_newTitle }) {
        title->setTextFormat(Qt::PlainText);
        QFont bold = title->font();
        bold.setBold(true);
        title->setFont(bold);
        title->setContentsMargins(4, 2, 4, 2);
    }
    m_previous->setArrowType(Qt::UpArrow);
    m_previous->setToolTip(tr("Previous change"));
    m_previous->setAutoRaise(true);
    m_next->setArrowType(Qt::DownArrow);
    m_next->setToolTip(tr("Next change"));
    m_next->setAutoRaise(true);
    connect(m_previous, &QToolButton::clicked, this, &DiffView::previousChange);
    connect(m_next, &QToolButton::clicked, this, &DiffView::nextChange);

    auto* navigation = new QHBoxLayout;
    navigation->setContentsMargins(4, 2, 4, 2);
    navigation->addWidget(m_position);
    navigation->addWidget(m_previous);
    navigation->addWidget(m_next);
    navigation->addStretch(1);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    for (const auto& [title, pane] : { std::pair { m_oldTitle, m_old }, std::pair { m_newTitle, m_new } }) {
        auto* column = new QWidget(splitter);
        auto* layout = new QVBoxLayout(column);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->setSpacing(0);
        layout->addWidget(title);
        layout->addWidget(pane, 1);
        splitter->addWidget(column);
    }
    splitter->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(navigation);
    layout->addWidget(splitter, 1);

    // The panes have the same number of lines, so the same first line and offset keep them aligned.
    const auto sync = [this](QScrollBar* from, QScrollBar* to) {
        connect(from, &QScrollBar::valueChanged, this, [this, to](int value) {
            if (m_syncing) {
                return;
            }
            m_syncing = true;
            to->setValue(value);
            m_syncing = false;
        });
    };
    sync(m_old->verticalScrollBar(), m_new->verticalScrollBar());
    sync(m_new->verticalScrollBar(), m_old->verticalScrollBar());
    sync(m_old->horizontalScrollBar(), m_new->horizontalScrollBar());
    sync(m_new->horizontalScrollBar(), m_old->horizontalScrollBar());
    const auto syncZoom = [this](ScriptEditor* from, ScriptEditor* to) {
        connect(from, &QsciScintillaBase::SCN_ZOOM, this, [this, from, to] {
            if (m_syncing) {
                return;
            }
            m_syncing = true;
            to->zoomTo(int(from->SendScintilla(QsciScintillaBase::SCI_GETZOOM)));
            m_syncing = false;
        });
    };
    syncZoom(m_old, m_new);
    syncZoom(m_new, m_old);

    connect(Theme::instance(), &Theme::changed, this, &DiffView::applyTheme);
    applyTheme();
    updateNavigation();
}

void DiffView::setupPane(ScriptEditor* pane)
{
    pane->setReadOnly(true);
    // Folding would hide lines on one side only and break the alignment.
    pane->setFolding(QsciScintilla::NoFoldStyle, ScriptEditor::FoldMargin);
    pane->setMarginWidth(ScriptEditor::FindingMargin, 0);
    // The line numbers are the file's, not the pane's: fillers have none.
    pane->setMarginType(ScriptEditor::LineNumberMargin, QsciScintilla::TextMarginRightJustified);
    pane->setCaretLineVisible(false);
    pane->markerDefine(QsciScintilla::Background, RemovedMarker);
    pane->markerDefine(QsciScintilla::Background, AddedMarker);
    pane->markerDefine(QsciScintilla::Background, ChangedMarker);
    pane->markerDefine(QsciScintilla::Background, FillerMarker);
}

void DiffView::applyTheme()
{
    const QColor filler = QApplication::palette().color(QPalette::Window);
    for (ScriptEditor* pane : { m_old, m_new }) {
        pane->setMarkerBackgroundColor(Theme::color(QStringLiteral("diff.removed")), RemovedMarker);
        pane->setMarkerBackgroundColor(Theme::color(QStringLiteral("diff.added")), AddedMarker);
        pane->setMarkerBackgroundColor(Theme::color(QStringLiteral("diff.changed")), ChangedMarker);
        pane->setMarkerBackgroundColor(filler, FillerMarker);
    }
}

void DiffView::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::ApplicationPaletteChange || event->type() == QEvent::PaletteChange) {
        applyTheme();
    }
}

void DiffView::setTexts(const QString& oldText, const QString& newText, ScriptLanguage language,
    const QString& oldTitle, const QString& newTitle)
{
    showTexts(
        oldText, newText, [language](ScriptEditor* pane) { pane->setLanguage(language); }, oldTitle, newTitle);
}

void DiffView::setTemplateTexts(const QString& oldText, const QString& newText, JinjaSyntax::FileSyntax syntax,
    const QString& oldTitle, const QString& newTitle)
{
    showTexts(
        oldText, newText, [syntax](ScriptEditor* pane) { pane->setTemplateSyntax(syntax); }, oldTitle, newTitle);
}

void DiffView::showTexts(const QString& oldText, const QString& newText,
    const std::function<void(ScriptEditor*)>& setSyntax, const QString& oldTitle, const QString& newTitle)
{
    const QStringList a = TextDiff::splitLines(oldText);
    const QStringList b = TextDiff::splitLines(newText);
    m_rows = TextDiff::sideBySide(a, b);

    QStringList left;
    QStringList right;
    left.reserve(m_rows.size());
    right.reserve(m_rows.size());
    for (const TextDiff::SideBySideRow& row : std::as_const(m_rows)) {
        left.append(row.oldLine >= 0 ? a[row.oldLine] : QString());
        right.append(row.newLine >= 0 ? b[row.newLine] : QString());
    }

    m_oldTitle->setText(oldTitle);
    m_oldTitle->setToolTip(oldTitle);
    m_newTitle->setText(newTitle);
    m_newTitle->setToolTip(newTitle);

    const int lastNumber = int(std::max(a.size(), b.size()));
    const QString widest(QString::number(std::max(lastNumber, 1)).size() + 2, QLatin1Char('9'));
    for (const auto& [pane, lines] : { std::pair { m_old, &left }, std::pair { m_new, &right } }) {
        setSyntax(pane);
        pane->setReadOnly(false);
        pane->setText(lines->join(QLatin1Char('\n')));
        pane->setReadOnly(true);
        pane->setFolding(QsciScintilla::NoFoldStyle, ScriptEditor::FoldMargin);
        pane->clearMarginText();
        pane->markerDeleteAll();
        pane->setMarginWidth(ScriptEditor::LineNumberMargin, widest);
    }
    // Right-aligned with a space before the text, like the editor's own line numbers.
    const auto lineNumber = [](int line) -> QString { return QString::number(line + 1) + QLatin1Char(' '); };
    for (int r = 0; r < int(m_rows.size()); ++r) {
        const TextDiff::SideBySideRow& row = m_rows[r];
        if (row.oldLine >= 0) {
            m_old->setMarginText(r, lineNumber(row.oldLine), QsciScintillaBase::STYLE_LINENUMBER);
        }
        if (row.newLine >= 0) {
            m_new->setMarginText(r, lineNumber(row.newLine), QsciScintillaBase::STYLE_LINENUMBER);
        }
        switch (row.kind) {
        case TextDiff::SideBySideRow::Same:
            break;
        case TextDiff::SideBySideRow::Changed:
            m_old->markerAdd(r, ChangedMarker);
            m_new->markerAdd(r, ChangedMarker);
            break;
        case TextDiff::SideBySideRow::Removed:
            m_old->markerAdd(r, RemovedMarker);
            m_new->markerAdd(r, FillerMarker);
            break;
        case TextDiff::SideBySideRow::Added:
            m_old->markerAdd(r, FillerMarker);
            m_new->markerAdd(r, AddedMarker);
            break;
        }
    }

    m_changes.clear();
    for (int r = 0; r < int(m_rows.size()); ++r) {
        if (m_rows[r].kind == TextDiff::SideBySideRow::Same) {
            continue;
        }
        if (!m_changes.isEmpty() && m_changes.last().firstRow + m_changes.last().rowCount == r) {
            ++m_changes.last().rowCount;
        } else {
            m_changes.append({ r, 1 });
        }
    }
    m_current = -1;
    m_old->setFirstVisibleLine(0);
    m_new->setFirstVisibleLine(0);
    updateNavigation();
}

QList<int> DiffView::changeRows() const
{
    QList<int> rows;
    for (const Change& change : m_changes) {
        rows.append(change.firstRow);
    }
    return rows;
}

bool DiffView::nextChange()
{
    if (m_changes.isEmpty()) {
        return false;
    }
    goToChange((m_current + 1) % int(m_changes.size()));
    return true;
}

bool DiffView::previousChange()
{
    if (m_changes.isEmpty()) {
        return false;
    }
    goToChange(m_current <= 0 ? int(m_changes.size()) - 1 : m_current - 1);
    return true;
}

void DiffView::goToChange(int index)
{
    m_current = index;
    const int row = m_changes[index].firstRow;
    // A few lines of context above the change.
    const int first = std::max(0, row - 3);
    for (ScriptEditor* pane : { m_old, m_new }) {
        pane->setCursorPosition(row, 0);
        pane->setFirstVisibleLine(first);
    }
    updateNavigation();
    emit currentChangeChanged(m_current, changeCount());
}

void DiffView::updateNavigation()
{
    const int count = changeCount();
    if (count == 0) {
        m_position->setText(tr("No differences"));
    } else if (m_current < 0) {
        m_position->setText(tr("%n change(s)", nullptr, count));
    } else {
        m_position->setText(tr("Change %1 of %2").arg(m_current + 1).arg(count));
    }
    m_previous->setEnabled(count > 0);
    m_next->setEnabled(count > 0);
}
