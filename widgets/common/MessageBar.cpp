#include "MessageBar.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>

#include <algorithm>

MessageBar::MessageBar(QWidget* parent)
    : QWidget(parent)
{
    setAutoFillBackground(true);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    m_icon = new QLabel(this);
    m_label = new QLabel(this);
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_label->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_action = new QPushButton(this);
    m_action->hide();
    m_close = new QToolButton(this);
    m_close->setAutoRaise(true);
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setToolTip(tr("Close"));
    m_close->setAccessibleName(tr("Close message"));
    layout->addWidget(m_icon);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_action);
    layout->addWidget(m_close);

    connect(m_action, &QPushButton::clicked, this, &MessageBar::actionTriggered);
    connect(m_close, &QToolButton::clicked, this, [this] {
        hideMessage();
        emit closed();
    });
    hide();
}

void MessageBar::showMessage(const QString& text, Type type, const QString& actionText)
{
    m_type = type;
    m_label->setText(text);
    m_action->setText(actionText);
    m_action->setVisible(!actionText.isEmpty());
    QStyle::StandardPixmap icon = QStyle::SP_MessageBoxInformation;
    if (type == Type::Warning) {
        icon = QStyle::SP_MessageBoxWarning;
    } else if (type == Type::Error) {
        icon = QStyle::SP_MessageBoxCritical;
    }
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_icon->setPixmap(style()->standardIcon(icon).pixmap(size, size));
    applyColours();
    show();
}

void MessageBar::hideMessage()
{
    hide();
}

QString MessageBar::text() const
{
    return m_label->text();
}

void MessageBar::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange) {
        // Re-derive the tint from the new palette; guarded so setPalette() below does not recurse.
        static bool applying = false;
        if (!applying) {
            applying = true;
            applyColours();
            applying = false;
        }
    }
}

void MessageBar::applyColours()
{
    // QPalette has no "warning" or "error" role, so the tint takes the theme's highlight colour (saturation and
    // value) and only turns its hue to amber or red; mixed into the window colour it reads in light and dark
    // themes alike without a fixed colour.
    const QPalette base = parentWidget() ? parentWidget()->palette() : QPalette();
    QColor accent = base.color(QPalette::Highlight);
    if (m_type == Type::Warning) {
        accent = QColor::fromHsv(40, std::max(accent.hsvSaturation(), 160), std::max(accent.value(), 200));
    } else if (m_type == Type::Error) {
        accent = QColor::fromHsv(0, std::max(accent.hsvSaturation(), 160), std::max(accent.value(), 200));
    }
    const QColor window = base.color(QPalette::Window);
    const float w = 0.78f;
    QColor tint;
    tint.setRgbF(window.redF() * w + accent.redF() * (1 - w), window.greenF() * w + accent.greenF() * (1 - w),
        window.blueF() * w + accent.blueF() * (1 - w));
    QPalette pal = base;
    pal.setColor(QPalette::Window, tint);
    setPalette(pal);
}
