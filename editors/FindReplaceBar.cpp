#include "FindReplaceBar.h"

#include "Theme.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QShortcut>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <Qsci/qsciscintilla.h>
#include <algorithm>

namespace {

// Past this many matches the counter says "10000+" and only these are highlighted: counting is cheap, but a
// pattern like "." in a multi-megabyte script would otherwise keep millions of entries.
constexpr int maxMatches = 10000;

// UTF-8 length of a stretch of well-formed UTF-16 (the editor's text always is): a surrogate pair is 4 bytes.
int utf8Length(const QChar* begin, const QChar* end)
{
    int bytes = 0;
    for (const QChar* c = begin; c != end; ++c) {
        const char16_t u = c->unicode();
        if (u < 0x80) {
            bytes += 1;
        } else if (u < 0x800) {
            bytes += 2;
        } else if (QChar::isHighSurrogate(u)) {
            bytes += 4;
        } else if (QChar::isLowSurrogate(u)) {
            // counted with its high surrogate
        } else {
            bytes += 3;
        }
    }
    return bytes;
}

QToolButton* toggle(const QString& text, const QString& toolTip, QWidget* parent)
{
    auto* button = new QToolButton(parent);
    button->setText(text);
    button->setToolTip(toolTip);
    button->setCheckable(true);
    button->setAutoRaise(true);
    return button;
}

} // namespace

FindReplaceBar::FindReplaceBar(QsciScintilla* editor, QWidget* parent)
    : QWidget(parent)
    , m_editor(editor)
    , m_find(new QLineEdit(this))
    , m_replace(new QLineEdit(this))
    , m_previous(new QToolButton(this))
    , m_next(new QToolButton(this))
    , m_close(new QToolButton(this))
    , m_replaceOne(new QPushButton(tr("Replace"), this))
    , m_replaceAll(new QPushButton(tr("Replace All"), this))
    , m_counter(new QLabel(this))
    , m_error(new QLabel(this))
    , m_replaceRow(new QWidget(this))
    , m_refreshTimer(new QTimer(this))
{
    m_find->setPlaceholderText(tr("Find"));
    m_find->setClearButtonEnabled(true);
    m_find->installEventFilter(this);
    m_replace->setPlaceholderText(tr("Replace with (\\1 for a group)"));
    m_replace->installEventFilter(this);
    m_regex = toggle(tr(".*"), tr("Regular expression (Perl syntax; \\1 in the replacement for a group)"), this);
    m_case = toggle(tr("Aa"), tr("Match case"), this);
    m_word = toggle(tr("W"), tr("Whole words only"), this);
    m_previous->setArrowType(Qt::UpArrow);
    m_previous->setToolTip(tr("Previous match (Shift+Enter, Shift+F3)"));
    m_previous->setAutoRaise(true);
    m_next->setArrowType(Qt::DownArrow);
    m_next->setToolTip(tr("Next match (Enter, F3)"));
    m_next->setAutoRaise(true);
    m_close->setText(tr("×"));
    m_close->setToolTip(tr("Close (Esc)"));
    m_close->setAutoRaise(true);
    m_counter->setMinimumWidth(m_counter->fontMetrics().horizontalAdvance(tr("9999 of 9999")));
    m_error->setWordWrap(true);
    m_error->hide();

    auto* findRow = new QHBoxLayout;
    findRow->setContentsMargins(0, 0, 0, 0);
    findRow->addWidget(m_find, 1);
    findRow->addWidget(m_counter);
    findRow->addWidget(m_previous);
    findRow->addWidget(m_next);
    findRow->addWidget(m_regex);
    findRow->addWidget(m_case);
    findRow->addWidget(m_word);
    findRow->addWidget(m_close);
    auto* replaceRow = new QHBoxLayout(m_replaceRow);
    replaceRow->setContentsMargins(0, 0, 0, 0);
    replaceRow->addWidget(m_replace, 1);
    replaceRow->addWidget(m_replaceOne);
    replaceRow->addWidget(m_replaceAll);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 3, 4, 3);
    layout->setSpacing(3);
    layout->addLayout(findRow);
    layout->addWidget(m_error);
    layout->addWidget(m_replaceRow);
    m_replaceRow->hide();
    setFocusProxy(m_find);

    connect(m_find, &QLineEdit::textChanged, this, [this] {
        invalidate();
        // Incremental search: from where the current selection starts, so that typing extends the match in place.
        refresh();
        if (!m_matches.isEmpty()) {
            const long from = m_editor->SendScintilla(QsciScintillaBase::SCI_GETSELECTIONSTART);
            const auto it = std::find_if(
                m_matches.cbegin(), m_matches.cend(), [from](const Match& m) { return m.byteStart >= from; });
            select(it == m_matches.cend() ? 0 : int(it - m_matches.cbegin()));
        }
        updateCounter();
    });
    for (QToolButton* option : { m_regex, m_case, m_word }) {
        connect(option, &QToolButton::toggled, this, [this] {
            invalidate();
            updateCounter();
        });
    }
    connect(m_next, &QToolButton::clicked, this, &FindReplaceBar::findNext);
    connect(m_previous, &QToolButton::clicked, this, &FindReplaceBar::findPrevious);
    connect(m_close, &QToolButton::clicked, this, &FindReplaceBar::closeBar);
    connect(m_replaceOne, &QPushButton::clicked, this, &FindReplaceBar::replaceCurrent);
    connect(m_replaceAll, &QPushButton::clicked, this, &FindReplaceBar::replaceAll);

    // Edits in the editor make the matches stale; recount shortly after typing stops, not on every key.
    m_refreshTimer->setSingleShot(true);
    m_refreshTimer->setInterval(200);
    connect(m_refreshTimer, &QTimer::timeout, this, &FindReplaceBar::updateCounter);
    connect(m_editor, &QsciScintilla::textChanged, this, [this] {
        m_dirty = true;
        if (isVisible()) {
            m_refreshTimer->start();
        }
    });
    connect(m_editor, &QsciScintilla::selectionChanged, this, [this] {
        if (isVisible() && !m_dirty) {
            m_status.clear();
            updateCounter();
        }
    });

    const auto onEditor = [this](const QKeySequence& keys, auto slot) {
        auto* shortcut = new QShortcut(keys, m_editor);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, this, slot);
    };
    onEditor(QKeySequence::Find, &FindReplaceBar::showFind);
    onEditor(QKeySequence(Qt::CTRL | Qt::Key_H), &FindReplaceBar::showReplace);
    onEditor(QKeySequence(Qt::Key_F3), &FindReplaceBar::findNext);
    onEditor(QKeySequence(Qt::SHIFT | Qt::Key_F3), &FindReplaceBar::findPrevious);
    // Esc in the editor closes the bar while it is open; otherwise Esc belongs to the editor (which claims it
    // before shortcuts are looked at, hence a filter rather than a shortcut).
    m_editor->installEventFilter(this);
    for (const auto& [keys, slot] : { std::pair { QKeySequence(Qt::Key_F3), &FindReplaceBar::findNext },
             std::pair { QKeySequence(Qt::SHIFT | Qt::Key_F3), &FindReplaceBar::findPrevious } }) {
        auto* shortcut = new QShortcut(keys, this);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, this, slot);
    }

    m_editor->SendScintilla(QsciScintillaBase::SCI_INDICSETSTYLE, MatchIndicator, QsciScintillaBase::INDIC_FULLBOX);
    m_editor->SendScintilla(QsciScintillaBase::SCI_INDICSETUNDER, MatchIndicator, 1);
    connect(Theme::instance(), &Theme::changed, this, &FindReplaceBar::applyTheme);
    applyTheme();
    hide();
}

void FindReplaceBar::applyTheme()
{
    QPalette pal = m_error->palette();
    pal.setColor(QPalette::WindowText, Theme::color(QStringLiteral("message.error.text")));
    pal.setColor(QPalette::Window, Theme::color(QStringLiteral("message.error.background")));
    m_error->setPalette(pal);
    m_error->setAutoFillBackground(true);
    m_editor->SendScintilla(
        QsciScintillaBase::SCI_INDICSETFORE, MatchIndicator, Theme::color(QStringLiteral("search.match")));
    m_editor->SendScintilla(QsciScintillaBase::SCI_INDICSETALPHA, MatchIndicator, 255);
    m_editor->SendScintilla(QsciScintillaBase::SCI_INDICSETOUTLINEALPHA, MatchIndicator, 255);
}

void FindReplaceBar::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::ApplicationPaletteChange) {
        applyTheme();
    }
}

void FindReplaceBar::setFindText(const QString& text)
{
    m_find->setText(text);
}

QString FindReplaceBar::findText() const
{
    return m_find->text();
}

void FindReplaceBar::setReplaceText(const QString& text)
{
    m_replace->setText(text);
}

QString FindReplaceBar::replaceText() const
{
    return m_replace->text();
}

void FindReplaceBar::setRegularExpression(bool on)
{
    m_regex->setChecked(on);
}

void FindReplaceBar::setCaseSensitive(bool on)
{
    m_case->setChecked(on);
}

void FindReplaceBar::setWholeWord(bool on)
{
    m_word->setChecked(on);
}

bool FindReplaceBar::isReplaceMode() const
{
    return !m_replaceRow->isHidden();
}

void FindReplaceBar::setMode(bool replace)
{
    m_replaceRow->setVisible(replace);
    const bool wasHidden = isHidden();
    show();
    // The selection, when it is a piece of one line, is what the user wants to find.
    const QString selected = m_editor->selectedText();
    if (!selected.isEmpty() && !selected.contains(QLatin1Char('\n')) && selected.size() <= 200) {
        m_find->setText(m_regex->isChecked() ? QRegularExpression::escape(selected) : selected);
    } else if (wasHidden) {
        invalidate();
    }
    m_find->setFocus();
    m_find->selectAll();
    updateCounter();
}

void FindReplaceBar::showFind()
{
    setMode(false);
}

void FindReplaceBar::showReplace()
{
    setMode(true);
}

void FindReplaceBar::closeBar()
{
    hide();
    clearHighlights();
    m_editor->setFocus();
    emit closed();
}

void FindReplaceBar::keyPressEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Escape) {
        closeBar();
        event->accept();
        return;
    }
    QWidget::keyPressEvent(event);
}

bool FindReplaceBar::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_editor) {
        if (event->type() == QEvent::KeyPress && isVisible()
            && static_cast<QKeyEvent*>(event)->key() == Qt::Key_Escape) {
            closeBar();
            return true;
        }
        return QWidget::eventFilter(watched, event);
    }
    if (event->type() == QEvent::KeyPress) {
        auto* key = static_cast<QKeyEvent*>(event);
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            if (watched == m_replace) {
                replaceCurrent();
            } else if (key->modifiers() & Qt::ShiftModifier) {
                findPrevious();
            } else {
                findNext();
            }
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void FindReplaceBar::invalidate()
{
    m_dirty = true;
    m_status.clear();
}

QRegularExpression FindReplaceBar::compiledPattern(QString* error) const
{
    const QString text = m_find->text();
    QString pattern = text;
    if (m_regex->isChecked()) {
        // Validate what the user typed, so that the error offset points into their pattern.
        const QRegularExpression typed(text);
        if (!typed.isValid()) {
            *error = tr("Invalid regular expression: %1 (at character %2)")
                         .arg(typed.errorString())
                         .arg(typed.patternErrorOffset() + 1);
            return {};
        }
    } else {
        pattern = QRegularExpression::escape(text);
    }
    if (m_word->isChecked()) {
        // Not \b: a "word" like $HOST or -rf starts with a non-word character.
        pattern = QLatin1String("(?<!\\w)(?:") + pattern + QLatin1String(")(?!\\w)");
    }
    QRegularExpression::PatternOptions options
        = QRegularExpression::UseUnicodePropertiesOption | QRegularExpression::MultilineOption;
    if (!m_case->isChecked()) {
        options |= QRegularExpression::CaseInsensitiveOption;
    }
    return QRegularExpression(pattern, options);
}

void FindReplaceBar::refresh()
{
    if (!m_dirty) {
        return;
    }
    m_dirty = false;
    m_matches.clear();
    m_truncated = false;
    m_current = -1;
    m_errorText.clear();
    m_text = m_editor->text();
    if (!m_find->text().isEmpty()) {
        const QRegularExpression re = compiledPattern(&m_errorText);
        if (m_errorText.isEmpty()) {
            qsizetype at = 0; // characters counted into bytes so far
            int bytes = 0;
            QRegularExpressionMatchIterator it = re.globalMatch(m_text);
            while (it.hasNext()) {
                const QRegularExpressionMatch match = it.next();
                if (m_matches.size() >= maxMatches) {
                    m_truncated = true;
                    break;
                }
                Match m;
                m.start = match.capturedStart();
                m.length = match.capturedLength();
                bytes += utf8Length(m_text.constData() + at, m_text.constData() + m.start);
                m.byteStart = bytes;
                m.byteEnd = bytes + utf8Length(m_text.constData() + m.start, m_text.constData() + m.start + m.length);
                at = m.start;
                m_matches.append(m);
            }
        }
    }
    m_error->setText(m_errorText);
    m_error->setVisible(!m_errorText.isEmpty());
    if (isVisible()) {
        highlightMatches();
    }
}

void FindReplaceBar::highlightMatches()
{
    clearHighlights();
    m_editor->SendScintilla(QsciScintillaBase::SCI_SETINDICATORCURRENT, MatchIndicator);
    for (const Match& m : std::as_const(m_matches)) {
        m_editor->SendScintilla(QsciScintillaBase::SCI_INDICATORFILLRANGE, m.byteStart, m.byteEnd - m.byteStart);
    }
}

void FindReplaceBar::clearHighlights()
{
    m_editor->SendScintilla(QsciScintillaBase::SCI_SETINDICATORCURRENT, MatchIndicator);
    m_editor->SendScintilla(
        QsciScintillaBase::SCI_INDICATORCLEARRANGE, 0, m_editor->SendScintilla(QsciScintillaBase::SCI_GETTEXTLENGTH));
}

int FindReplaceBar::matchCount()
{
    refresh();
    return int(m_matches.size());
}

int FindReplaceBar::currentMatch()
{
    refresh();
    return matchAtSelection();
}

int FindReplaceBar::matchAtSelection()
{
    const long start = m_editor->SendScintilla(QsciScintillaBase::SCI_GETSELECTIONSTART);
    const long end = m_editor->SendScintilla(QsciScintillaBase::SCI_GETSELECTIONEND);
    const auto it = std::lower_bound(m_matches.cbegin(), m_matches.cend(), start,
        [](const Match& m, long position) { return m.byteStart < position; });
    if (it != m_matches.cend() && it->byteStart == start && it->byteEnd == end) {
        return int(it - m_matches.cbegin());
    }
    return -1;
}

void FindReplaceBar::select(int index)
{
    // The selected match is shown by the selection alone: the highlight box would paint over it.
    m_editor->SendScintilla(QsciScintillaBase::SCI_SETINDICATORCURRENT, MatchIndicator);
    if (m_current >= 0 && m_current < m_matches.size()) {
        const Match& previous = m_matches[m_current];
        m_editor->SendScintilla(
            QsciScintillaBase::SCI_INDICATORFILLRANGE, previous.byteStart, previous.byteEnd - previous.byteStart);
    }
    m_current = index;
    const Match& m = m_matches[index];
    m_editor->SendScintilla(QsciScintillaBase::SCI_INDICATORCLEARRANGE, m.byteStart, m.byteEnd - m.byteStart);
    const int line = int(m_editor->SendScintilla(QsciScintillaBase::SCI_LINEFROMPOSITION, m.byteStart));
    m_editor->ensureLineVisible(line); // unfold
    m_editor->SendScintilla(QsciScintillaBase::SCI_SETSEL, m.byteStart, m.byteEnd);
}

bool FindReplaceBar::findNext()
{
    refresh();
    m_status.clear();
    if (m_matches.isEmpty()) {
        updateCounter();
        return false;
    }
    const int current = matchAtSelection();
    int next = 0;
    if (current >= 0) {
        next = (current + 1) % int(m_matches.size());
    } else {
        const long from = m_editor->SendScintilla(QsciScintillaBase::SCI_GETSELECTIONEND);
        const auto it = std::find_if(
            m_matches.cbegin(), m_matches.cend(), [from](const Match& m) { return m.byteStart >= from; });
        next = it == m_matches.cend() ? 0 : int(it - m_matches.cbegin()); // wrap around
    }
    select(next);
    updateCounter();
    return true;
}

bool FindReplaceBar::findPrevious()
{
    refresh();
    m_status.clear();
    if (m_matches.isEmpty()) {
        updateCounter();
        return false;
    }
    const int current = matchAtSelection();
    int previous = int(m_matches.size()) - 1;
    if (current >= 0) {
        previous = (current + int(m_matches.size()) - 1) % int(m_matches.size());
    } else {
        const long before = m_editor->SendScintilla(QsciScintillaBase::SCI_GETSELECTIONSTART);
        for (int i = int(m_matches.size()) - 1; i >= 0; --i) {
            if (m_matches[i].byteEnd <= before) {
                previous = i;
                break;
            }
        }
    }
    select(previous);
    updateCounter();
    return true;
}

QString FindReplaceBar::expandReplacement(const QRegularExpressionMatch& match) const
{
    const QString replacement = m_replace->text();
    if (!m_regex->isChecked()) {
        return replacement;
    }
    QString out;
    out.reserve(replacement.size());
    for (qsizetype i = 0; i < replacement.size(); ++i) {
        const QChar c = replacement.at(i);
        if (c != QLatin1Char('\\') || i + 1 == replacement.size()) {
            out += c;
            continue;
        }
        const QChar next = replacement.at(++i);
        if (next.isDigit()) {
            out += match.captured(next.digitValue());
        } else if (next == QLatin1Char('n')) {
            out += QLatin1Char('\n');
        } else if (next == QLatin1Char('t')) {
            out += QLatin1Char('\t');
        } else if (next == QLatin1Char('\\')) {
            out += QLatin1Char('\\');
        } else {
            out += c;
            out += next;
        }
    }
    return out;
}

bool FindReplaceBar::replaceCurrent()
{
    refresh();
    const int current = matchAtSelection();
    if (current < 0 || m_editor->isReadOnly()) {
        findNext();
        return false;
    }
    QString error;
    const QRegularExpression re = compiledPattern(&error);
    const Match m = m_matches[current];
    const QRegularExpressionMatch match
        = re.match(m_text, m.start, QRegularExpression::NormalMatch, QRegularExpression::AnchorAtOffsetMatchOption);
    const QByteArray replacement = expandReplacement(match).toUtf8();
    m_editor->SendScintilla(QsciScintillaBase::SCI_SETTARGETRANGE, m.byteStart, m.byteEnd);
    m_editor->SendScintilla(
        QsciScintillaBase::SCI_REPLACETARGET, uintptr_t(replacement.size()), replacement.constData());
    // Continue after the replacement, so that a replacement that matches again is not replaced forever.
    const int after = m.byteStart + int(replacement.size());
    m_editor->SendScintilla(QsciScintillaBase::SCI_SETSEL, after, after);
    invalidate();
    refresh();
    if (!m_matches.isEmpty()) {
        const auto it = std::find_if(
            m_matches.cbegin(), m_matches.cend(), [after](const Match& next) { return next.byteStart >= after; });
        select(it == m_matches.cend() ? 0 : int(it - m_matches.cbegin()));
    }
    updateCounter();
    return true;
}

int FindReplaceBar::replaceAll()
{
    refresh();
    if (!m_errorText.isEmpty() || m_find->text().isEmpty() || m_editor->isReadOnly()) {
        return 0;
    }
    QString error;
    const QRegularExpression re = compiledPattern(&error);
    struct Edit {
        int byteStart;
        int byteEnd;
        QByteArray text;
    };
    // Every match (not only the counted ones), with its replacement, then applied from the end so that earlier
    // positions stay valid.
    QList<Edit> edits;
    qsizetype at = 0;
    int bytes = 0;
    QRegularExpressionMatchIterator it = re.globalMatch(m_text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        bytes += utf8Length(m_text.constData() + at, m_text.constData() + match.capturedStart());
        at = match.capturedStart();
        const int end
            = bytes + utf8Length(m_text.constData() + match.capturedStart(), m_text.constData() + match.capturedEnd());
        edits.append({ bytes, end, expandReplacement(match).toUtf8() });
    }
    if (edits.isEmpty()) {
        return 0;
    }
    m_editor->beginUndoAction();
    for (auto e = edits.crbegin(); e != edits.crend(); ++e) {
        m_editor->SendScintilla(QsciScintillaBase::SCI_SETTARGETRANGE, e->byteStart, e->byteEnd);
        m_editor->SendScintilla(QsciScintillaBase::SCI_REPLACETARGET, uintptr_t(e->text.size()), e->text.constData());
    }
    m_editor->endUndoAction();
    invalidate();
    refresh();
    m_status = tr("Replaced %1").arg(edits.size());
    updateCounter();
    return int(edits.size());
}

QString FindReplaceBar::counterText() const
{
    return m_counter->text();
}

QString FindReplaceBar::errorText() const
{
    return m_errorText;
}

void FindReplaceBar::updateCounter()
{
    if (!isVisible() && !m_dirty) {
        return;
    }
    refresh();
    QString text;
    if (!m_status.isEmpty()) {
        text = m_status;
    } else if (m_find->text().isEmpty() || !m_errorText.isEmpty()) {
        text.clear();
    } else if (m_matches.isEmpty()) {
        text = tr("No matches");
    } else {
        const QString total = m_truncated ? tr("%1+").arg(m_matches.size()) : QString::number(m_matches.size());
        const int current = matchAtSelection();
        if (current >= 0) {
            text = tr("%1 of %2").arg(current + 1).arg(total);
        } else {
            // "%1+" when the search stopped early: the count is a lower bound, the plural follows it.
            text = tr("%n match(es)", nullptr, int(m_matches.size()));
            if (m_truncated) {
                text = tr("%1 matches").arg(total);
            }
        }
    }
    m_counter->setText(text);
}
