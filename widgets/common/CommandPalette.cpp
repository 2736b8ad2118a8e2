#include "CommandPalette.h"

#include "Theme.h"

#include <QAction>
#include <QApplication>
#include <QEvent>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLineEdit>
#include <QScreen>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <algorithm>

namespace {

constexpr int kEntryRole = Qt::UserRole + 1;

int wordScore(const QString& word, const QString& text)
{
    const int index = text.indexOf(word, 0, Qt::CaseInsensitive);
    if (index >= 0) {
        // Prefer matches at the start of the label, then at a word start, then anywhere; earlier is better.
        if (index == 0) {
            return 1000;
        }
        const QChar before = text.at(index - 1);
        const bool wordStart = !before.isLetterOrNumber();
        return (wordStart ? 800 : 600) - std::min(index, 200);
    }
    // Fuzzy: every character in order; consecutive runs and word starts score, gaps cost.
    int score = 300;
    int pos = 0;
    int last = -2;
    for (const QChar c : word) {
        const int found = text.indexOf(c, pos, Qt::CaseInsensitive);
        if (found < 0) {
            return -1;
        }
        if (found == last + 1) {
            score += 8;
        } else if (found == 0 || !text.at(found - 1).isLetterOrNumber()) {
            score += 5;
        } else {
            score -= std::min(found - pos, 20);
        }
        last = found;
        pos = found + 1;
    }
    return std::max(score, 1);
}

QString shortcutText(const QAction* action)
{
    QStringList parts;
    for (const QKeySequence& seq : action->shortcuts()) {
        parts << seq.toString(QKeySequence::NativeText);
    }
    return parts.join(QLatin1String(", "));
}

} // namespace

CommandPalette::CommandPalette(QWidget* parent)
    : QFrame(parent, Qt::Popup)
    , m_edit(new QLineEdit(this))
    , m_list(new QTreeWidget(this))
{
    setObjectName(QStringLiteral("commandPalette"));
    setFrameShape(QFrame::StyledPanel);
    setAttribute(Qt::WA_WindowPropagation);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(6);

    m_edit->setObjectName(QStringLiteral("commandPaletteQuery"));
    m_edit->setClearButtonEnabled(true);
    m_edit->installEventFilter(this);
    layout->addWidget(m_edit);

    m_list->setObjectName(QStringLiteral("commandPaletteList"));
    m_list->setColumnCount(2);
    m_list->setHeaderHidden(true);
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setFocusPolicy(Qt::NoFocus);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_list->setFrameShape(QFrame::NoFrame);
    layout->addWidget(m_list);

    connect(m_edit, &QLineEdit::textChanged, this, [this] { refilter(); });
    connect(m_list, &QTreeWidget::itemActivated, this, [this] { runCurrent(); });
    connect(m_list, &QTreeWidget::itemClicked, this, [this] { runCurrent(); });

    m_edit->setPlaceholderText(tr("Type a command…"));
    applyColours();
}

void CommandPalette::setEntries(const QList<Entry>& entries)
{
    m_entries = entries;
    refilter();
}

void CommandPalette::popup()
{
    QWidget* window = parentWidget() ? parentWidget()->window() : nullptr;
    const QRect area = window ? QRect(window->mapToGlobal(QPoint(0, 0)), window->size())
                              : (screen() ? screen()->availableGeometry() : QRect(0, 0, 1024, 768));
    const int width = std::clamp(area.width() * 6 / 10, std::min(420, area.width()), 720);
    setGeometry(area.x() + (area.width() - width) / 2, area.y() + std::min(80, area.height() / 8), width, height());
    m_edit->clear();
    refilter();
    show();
    raise();
    activateWindow();
    m_edit->setFocus(Qt::PopupFocusReason);
}

QStringList CommandPalette::visibleLabels() const
{
    QStringList labels;
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        labels << m_list->topLevelItem(i)->text(0);
    }
    return labels;
}

int CommandPalette::matchScore(const QString& query, const QString& text)
{
    const QStringList words = query.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    int total = 0;
    for (const QString& word : words) {
        const int s = wordScore(word, text);
        if (s < 0) {
            return -1;
        }
        total += s;
    }
    return total;
}

void CommandPalette::refilter()
{
    struct Scored {
        int score;
        int order;
    };
    const QString query = m_edit->text().trimmed();
    QList<Scored> shown;
    for (int i = 0; i < m_entries.size(); ++i) {
        const Entry& entry = m_entries.at(i);
        if (!entry.action || !entry.action->isVisible()) {
            continue;
        }
        const int score = query.isEmpty() ? 0 : matchScore(query, entry.label);
        if (score >= 0) {
            shown.append({ score, i });
        }
    }
    std::stable_sort(shown.begin(), shown.end(), [](const Scored& a, const Scored& b) { return a.score > b.score; });

    m_list->clear();
    const QColor shortcutColour = Theme::color(QStringLiteral("palette.shortcut"));
    QTreeWidgetItem* firstEnabled = nullptr;
    // Enter runs the preselected entry: only preselect one that matches as well as the best match, so that a
    // disabled best match never turns Enter into a different, weaker match the operator did not mean.
    const int topScore = shown.isEmpty() ? 0 : shown.first().score;
    for (const Scored& s : std::as_const(shown)) {
        const Entry& entry = m_entries.at(s.order);
        auto* item = new QTreeWidgetItem(m_list);
        item->setText(0, entry.label);
        item->setIcon(0, entry.action->icon());
        item->setText(1, shortcutText(entry.action));
        item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
        item->setForeground(1, shortcutColour);
        item->setData(0, kEntryRole, s.order);
        if (!entry.action->isEnabled()) {
            item->setFlags(item->flags() & ~Qt::ItemIsEnabled);
            item->setToolTip(0, tr("Not available right now"));
        } else if (!firstEnabled && s.score == topScore) {
            firstEnabled = item;
        }
    }
    if (firstEnabled) {
        m_list->setCurrentItem(firstEnabled);
    }
    fitHeight();
}

void CommandPalette::fitHeight()
{
    // Grow with the matches up to a dozen rows, like the palettes of editors: the list never jumps under the
    // cursor while typing, only shortens.
    const int rows = std::clamp(m_list->topLevelItemCount(), 1, 12);
    const int rowHeight = m_list->topLevelItemCount() > 0 ? m_list->sizeHintForRow(0) : fontMetrics().height() + 6;
    const QMargins margins = layout()->contentsMargins();
    resize(width(),
        margins.top() + m_edit->sizeHint().height() + layout()->spacing() + rows * rowHeight + 4 + margins.bottom());
}

void CommandPalette::runCurrent()
{
    QTreeWidgetItem* item = m_list->currentItem();
    if (!item || !(item->flags() & Qt::ItemIsEnabled)) {
        return;
    }
    const int index = item->data(0, kEntryRole).toInt();
    QPointer<QAction> action = m_entries.value(index).action;
    if (!action || !action->isEnabled()) {
        return;
    }
    hide();
    emit actionChosen(action);
    // Run after the popup is gone, so an action that opens a dialog or moves the focus finds a settled window.
    QTimer::singleShot(0, action, [action] {
        if (action && action->isEnabled()) {
            action->trigger();
        }
    });
}

bool CommandPalette::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_edit && event->type() == QEvent::KeyPress) {
        auto* key = static_cast<QKeyEvent*>(event);
        switch (key->key()) {
        case Qt::Key_Up:
        case Qt::Key_Down:
        case Qt::Key_PageUp:
        case Qt::Key_PageDown:
            // The list never takes the focus: forward navigation keys so typing and moving work together.
            QApplication::sendEvent(m_list, event);
            return true;
        case Qt::Key_Return:
        case Qt::Key_Enter:
            runCurrent();
            return true;
        case Qt::Key_Escape:
            hide();
            return true;
        default:
            break;
        }
    }
    return QFrame::eventFilter(watched, event);
}

void CommandPalette::hideEvent(QHideEvent* event)
{
    QFrame::hideEvent(event);
    // Give the keyboard back to the window the palette belongs to, so its shortcuts work again at once.
    if (QWidget* owner = parentWidget() ? parentWidget()->window() : nullptr; owner && owner->isVisible()) {
        owner->activateWindow();
    }
}

void CommandPalette::changeEvent(QEvent* event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::ApplicationPaletteChange) {
        applyColours();
    } else if (event->type() == QEvent::LanguageChange) {
        m_edit->setPlaceholderText(tr("Type a command…"));
    }
}

void CommandPalette::applyColours()
{
    QPalette pal = palette();
    pal.setColor(QPalette::Window, Theme::color(QStringLiteral("palette.background")));
    pal.setColor(QPalette::Base, Theme::color(QStringLiteral("palette.background")));
    setPalette(pal);
    setAutoFillBackground(true);
    // A thin border in the theme's colour; the popup has no window frame of its own.
    setStyleSheet(QStringLiteral("QFrame#commandPalette { border: 1px solid %1; }")
                      .arg(Theme::color(QStringLiteral("palette.border")).name()));
}
