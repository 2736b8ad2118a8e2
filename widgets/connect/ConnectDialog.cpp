#include "ConnectDialog.h"

#include "Theme.h"
#include "common/Dialogs.h"
#include "connect/SecretStore.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHostAddress>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

ConnectDialog::ConnectDialog(SecretStore* secrets, const QString& pinFile, QWidget* parent)
    : QDialog(parent)
    , m_secrets(secrets)
    , m_pins(pinFile)
    , m_probe(new ServerProbe(&m_pins, this))
{
    setObjectName(QStringLiteral("connectDialog"));
    auto* layout = new QVBoxLayout(this);
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    layout->addWidget(m_intro);

    auto* form = new QFormLayout;
    m_urlLabel = new QLabel(this);
    m_url = new QComboBox(this);
    m_url->setObjectName(QStringLiteral("serverUrl"));
    m_url->setEditable(true);
    m_url->setInsertPolicy(QComboBox::NoInsert);
    m_url->addItems(ServerProfile::recent());
    m_url->setCurrentIndex(-1);
    m_url->setMinimumWidth(380);
    m_urlLabel->setBuddy(m_url);
    form->addRow(m_urlLabel, m_url);

    m_tokenLabel = new QLabel(this);
    m_token = new QLineEdit(this);
    m_token->setObjectName(QStringLiteral("serverToken"));
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhNoPredictiveText | Qt::ImhSensitiveData);
    m_token->setClearButtonEnabled(true);
    m_tokenLabel->setBuddy(m_token);
    auto* tokenRow = new QHBoxLayout;
    tokenRow->addWidget(m_token, 1);
    m_reveal = new QCheckBox(this);
    m_reveal->setObjectName(QStringLiteral("revealToken"));
    connect(m_reveal, &QCheckBox::toggled, m_token,
        [this](bool on) { m_token->setEchoMode(on ? QLineEdit::Normal : QLineEdit::Password); });
    tokenRow->addWidget(m_reveal);
    form->addRow(m_tokenLabel, tokenRow);
    m_tokenHint = new QLabel(this);
    m_tokenHint->setWordWrap(true);
    m_tokenHint->setEnabled(false); // the palette's disabled text: a hint
    form->addRow(QString(), m_tokenHint);
    layout->addLayout(form);

    m_notice = new QLabel(this);
    m_notice->setObjectName(QStringLiteral("secretsNotice"));
    m_notice->setWordWrap(true);
    m_notice->setVisible(m_secrets && !m_secrets->persistent());
    m_notice->setStyleSheet(QStringLiteral("QLabel#secretsNotice { color: %1; }")
                                .arg(Theme::color(QStringLiteral("message.warning.text")).name()));
    layout->addWidget(m_notice);

    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("testResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_result->setMinimumHeight(m_result->fontMetrics().height() * 3);
    m_result->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    layout->addWidget(m_result, 1);

    auto* buttons = new QDialogButtonBox(this);
    m_test = buttons->addButton(QString(), QDialogButtonBox::ActionRole);
    m_test->setObjectName(QStringLiteral("testConnection"));
    m_connect = buttons->addButton(QString(), QDialogButtonBox::AcceptRole);
    m_connect->setObjectName(QStringLiteral("connect"));
    m_connect->setDefault(true);
    m_cancel = buttons->addButton(QDialogButtonBox::Cancel);
    layout->addWidget(buttons);
    connect(m_test, &QPushButton::clicked, this, [this] { startTest(false); });
    // Accept through the test: the dialog closes only on a server that answered this token.
    connect(m_connect, &QPushButton::clicked, this, [this] { startTest(true); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_probe, &ServerProbe::finished, this, &ConnectDialog::onReport);
    connect(m_url, &QComboBox::textActivated, this, [this](const QString& url) { setServer(url); });

    retranslateUi();
    resize(560, sizeHint().height());
}

ConnectDialog::~ConnectDialog() = default;

void ConnectDialog::retranslateUi()
{
    setWindowTitle(tr("Connect to Server"));
    m_intro->setText(tr("Connect to an OpsDeck control server: new jobs then run there, and the Jobs page shows its "
                        "history. Jobs running over direct SSH keep running here until they end."));
    m_urlLabel->setText(tr("Server &URL:"));
    m_url->lineEdit()->setPlaceholderText(tr("https://ops.example:8750"));
    m_tokenLabel->setText(tr("&Token:"));
    m_token->setPlaceholderText(tr("odt_… (paste the token opsdeck-server token create printed)"));
    // Where the token goes; the notice below says when that is memory only.
    m_tokenHint->setText(m_secrets && m_secrets->persistent()
            ? tr("The token is kept in %1, never in the settings or the workspace.").arg(m_secrets->description())
            : tr("The token is never written to the settings or the workspace."));
    m_notice->setText(tr("Secrets are kept only until you quit: no keychain is available."));
    m_reveal->setText(tr("&Show"));
    m_test->setText(tr("&Test Connection"));
    m_connect->setText(tr("&Connect"));
}

void ConnectDialog::changeEvent(QEvent* event)
{
    QDialog::changeEvent(event);
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
    }
}

void ConnectDialog::setCaCertificates(const QList<QSslCertificate>& certificates)
{
    m_probe->setCaCertificates(certificates);
}

bool ConnectDialog::isTesting() const
{
    return m_probe->isRunning();
}

void ConnectDialog::setServer(const QString& url)
{
    m_url->setEditText(url);
    const Result<QUrl> parsed = ServerProfile::parseUrl(url);
    if (!parsed || !m_secrets) {
        return;
    }
    ServerProfile profile;
    profile.url = *parsed;
    m_secrets->read(profile.secretKey(), this, [this, url](const Result<std::optional<QString>>& token) {
        // Only if the operator has not moved on to another server or typed a token meanwhile.
        if (token && token->has_value() && m_url->currentText() == url && m_token->text().isEmpty()) {
            m_token->setText(**token);
        }
    });
}

QString ConnectDialog::typedToken() const
{
    // A pasted token often brings a line break or spaces with it; a token has none.
    QString token = m_token->text();
    token.remove(QRegularExpression(QStringLiteral("\\s")));
    return token;
}

namespace {

// The 32 pairs in two lines of 16, so that a message box never breaks the fingerprint mid-pair.
QString fingerprintLines(const QByteArray& sha256)
{
    return TlsPinStore::formatFingerprint(sha256.left(16)) + QLatin1String(":\n")
        + TlsPinStore::formatFingerprint(sha256.mid(16));
}

} // namespace

QString ConnectDialog::fingerprintQuestion(const TlsPinStore::Check& check)
{
    return tr("The server %1 presents a TLS certificate that the system does not trust:\n\nSubject: %2\nIssuer: "
              "%3\nSHA-256:\n%4\n\nCompare the fingerprint with the one the server's administrator gives you "
              "(openssl x509 -noout -fingerprint -sha256 -in CERT). Trust this certificate for %1 and remember "
              "it? Answer No unless they match.")
        .arg(check.server, TlsPinStore::subjectText(check.certificate),
            check.certificate.issuerDisplayName().isEmpty()
                ? check.certificate.issuerInfo(QSslCertificate::CommonName).join(QLatin1String(", "))
                : check.certificate.issuerDisplayName(),
            fingerprintLines(check.fingerprint));
}

void ConnectDialog::showResult(const QString& text, bool ok)
{
    const QString role = ok ? QStringLiteral("job.success") : QStringLiteral("job.failed");
    m_result->setStyleSheet(QStringLiteral("QLabel#testResult { color: %1; }").arg(Theme::color(role).name()));
    m_result->setText(text);
}

void ConnectDialog::startTest(bool thenConnect)
{
    const Result<QUrl> url = ServerProfile::parseUrl(m_url->currentText());
    if (!url) {
        showResult(url.errorString(), false);
        m_url->setFocus();
        return;
    }
    if (typedToken().isEmpty()) {
        showResult(tr("Paste the token the server's administrator gave you."), false);
        m_token->setFocus();
        return;
    }
    m_connectAfterTest = thenConnect;
    m_testedUrl = *url;
    m_test->setEnabled(false);
    m_connect->setEnabled(false);
    m_result->setStyleSheet(QString());
    m_result->setText(tr("Asking %1…").arg(url->toString()));
    m_probe->probe(*url, typedToken());
}

void ConnectDialog::onReport(const ServerProbe::Report& report)
{
    m_report = report;
    m_test->setEnabled(true);
    m_connect->setEnabled(true);
    switch (report.outcome) {
    case ServerProbe::Outcome::Ok:
        break;
    case ServerProbe::Outcome::TlsUnknown: {
        showResult(report.message, false);
        const auto answer = Dialogs::question(this, tr("Untrusted Certificate"), fingerprintQuestion(report.tls));
        if (answer != QMessageBox::Yes) {
            showResult(tr("Not connected: the certificate of %1 was not trusted.").arg(report.tls.server), false);
            return;
        }
        if (const Result<void> pinned = m_pins.setPin(report.tls.server, report.tls.fingerprint); !pinned) {
            showResult(pinned.errorString(), false);
            return;
        }
        startTest(m_connectAfterTest); // again, now on the pin
        return;
    }
    default:
        showResult(report.message, false);
        return;
    }
    const QString role = report.role == QLatin1String("admin") ? tr("admin (read, run, author, tokens and audit)")
        : report.role == QLatin1String("operator")             ? tr("operator (read, run and author)")
        : report.role == QLatin1String("viewer")               ? tr("viewer (read only)")
                                                               : report.role;
    QString text = tr("OpsDeck server %1 answered. This token's role: %2.").arg(report.version, role);
    const QString host = m_testedUrl.host();
    if (m_testedUrl.scheme() == QLatin1String("http") && host != QLatin1String("localhost")
        && !QHostAddress(host).isLoopback()) {
        text += QLatin1Char(' ')
            + tr("Over http:// the token crosses the network unencrypted: use https:// beyond this machine.");
    }
    showResult(text, true);
    if (!m_connectAfterTest) {
        return;
    }
    m_profile.url = m_testedUrl;
    m_profile.token = typedToken();
    m_profile.pinFile = m_pins.path();
    ServerProfile::remember(m_profile.url);
    if (!m_secrets) {
        accept();
        return;
    }
    m_connect->setEnabled(false);
    m_secrets->write(m_profile.secretKey(), m_profile.token, this, [this](const Result<void>& stored) {
        m_connect->setEnabled(true);
        if (!stored) {
            // Connecting still works; only the next start will ask for the token again.
            showResult(tr("Connected, but the token could not be kept: %1").arg(stored.errorString()), false);
        }
        accept();
    });
}
