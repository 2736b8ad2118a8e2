#include "EmptyStatePage.h"

#include "Theme.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

EmptyStatePage::EmptyStatePage(const QString& iconName, QWidget* parent)
    : QWidget(parent)
    , m_iconName(iconName)
    , m_icon(new QLabel(this))
    , m_title(new QLabel(this))
    , m_text(new QLabel(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setSpacing(12);
    layout->addStretch(2);
    m_icon->setAlignment(Qt::AlignCenter);
    layout->addWidget(m_icon);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setWeight(QFont::DemiBold);
    m_title->setFont(titleFont);
    m_title->setAlignment(Qt::AlignCenter);
    m_title->setObjectName(QStringLiteral("emptyStateTitle"));
    layout->addWidget(m_title);
    m_text->setAlignment(Qt::AlignCenter);
    m_text->setWordWrap(true);
    m_text->setObjectName(QStringLiteral("emptyStateText"));
    m_text->setForegroundRole(QPalette::PlaceholderText);
    m_text->setMaximumWidth(520);
    // No alignment flag on the label itself: only then does the layout ask a word-wrapped label for its height at
    // the width it really gets, and the second line is not cut off.
    auto* textRow = new QHBoxLayout;
    textRow->addStretch(1);
    textRow->addWidget(m_text, 4);
    textRow->addStretch(1);
    layout->addLayout(textRow);
    layout->addStretch(3);
    updateIcon();
}

void EmptyStatePage::setTitle(const QString& title)
{
    m_title->setText(title);
}

void EmptyStatePage::setText(const QString& text)
{
    m_text->setText(text);
}

QString EmptyStatePage::title() const
{
    return m_title->text();
}

QString EmptyStatePage::text() const
{
    return m_text->text();
}

void EmptyStatePage::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::ApplicationPaletteChange) {
        updateIcon();
    }
}

void EmptyStatePage::updateIcon()
{
    m_icon->setPixmap(Theme::icon(m_iconName).pixmap(QSize(64, 64), devicePixelRatioF()));
}
