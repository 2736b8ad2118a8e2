#include "StartupErrorDialog.h"

#include <QDialogButtonBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

StartupErrorDialog::StartupErrorDialog(const QString& path, const QString& error, QWidget* parent)
    : QDialog(parent)
    , m_error(new QLabel(this))
    , m_open(new QPushButton(tr("Open Another Workspace…"), this))
    , m_create(new QPushButton(tr("Create New Workspace…"), this))
    , m_quit(new QPushButton(tr("Quit"), this))
{
    setObjectName(QStringLiteral("startupErrorDialog"));
    setWindowTitle(tr("Cannot Open Workspace"));
    auto* layout = new QVBoxLayout(this);
    auto* top = new QHBoxLayout;
    auto* icon = new QLabel(this);
    const int size = style()->pixelMetric(QStyle::PM_MessageBoxIconSize, nullptr, this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxCritical, nullptr, this).pixmap(size, size));
    icon->setAlignment(Qt::AlignTop);
    top->addWidget(icon);
    auto* texts = new QVBoxLayout;
    auto* heading = new QLabel(tr("OpsDeck cannot open the workspace %1.").arg(QFileInfo(path).fileName()), this);
    heading->setTextFormat(Qt::PlainText);
    QFont bold = heading->font();
    bold.setBold(true);
    heading->setFont(bold);
    heading->setWordWrap(true);
    texts->addWidget(heading);
    m_error->setObjectName(QStringLiteral("startupErrorText"));
    m_error->setText(error);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    texts->addWidget(m_error);
    auto* hint
        = new QLabel(tr("The file has not been changed. Choose another workspace, create a new one, or quit."), this);
    hint->setWordWrap(true);
    texts->addWidget(hint);
    top->addLayout(texts, 1);
    layout->addLayout(top);

    auto* buttons = new QDialogButtonBox(this);
    buttons->addButton(m_open, QDialogButtonBox::AcceptRole);
    buttons->addButton(m_create, QDialogButtonBox::ActionRole);
    buttons->addButton(m_quit, QDialogButtonBox::RejectRole);
    m_open->setDefault(true);
    layout->addWidget(buttons);

    connect(m_open, &QPushButton::clicked, this, [this] {
        m_choice = Choice::OpenOther;
        accept();
    });
    connect(m_create, &QPushButton::clicked, this, [this] {
        m_choice = Choice::CreateNew;
        accept();
    });
    connect(m_quit, &QPushButton::clicked, this, [this] {
        m_choice = Choice::Quit;
        reject();
    });
    setMinimumWidth(560);
}

QString StartupErrorDialog::errorText() const
{
    return m_error->text();
}

QPushButton* StartupErrorDialog::button(Choice choice) const
{
    switch (choice) {
    case Choice::OpenOther:
        return m_open;
    case Choice::CreateNew:
        return m_create;
    case Choice::Quit:
        break;
    }
    return m_quit;
}
