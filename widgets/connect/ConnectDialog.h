#pragma once

#include "connect/ServerProbe.h"
#include "connect/ServerProfile.h"
#include "connect/TlsPinStore.h"

#include <QDialog>
#include <QPointer>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class SecretStore;

// File › Connect to Server…: the server's URL (the recent ones offered) and a bearer token (masked, pasted whole:
// surrounding whitespace and line breaks are dropped). "Test connection" asks GET /api/v1/info and shows the
// server's version and the token's role, or why not (unreachable, 401, TLS). A certificate the system does not
// trust is shown — SHA-256 fingerprint and subject — and pinned for that server if the operator accepts (through
// Dialogs, so tests answer ahead); a changed one is refused with both fingerprints. Connect tests first and
// accepts only when the test passed; the token then goes into the SecretStore under the server's key (never into
// QSettings or the workspace), and a recent server's token is read back from it.
class ConnectDialog : public QDialog {
    Q_OBJECT
public:
    // `secrets` must outlive the dialog; `pinFile` is the TlsPinStore's file.
    ConnectDialog(SecretStore* secrets, const QString& pinFile, QWidget* parent = nullptr);
    ~ConnectDialog() override;

    // Pre-fills a server (a recent one): its token is read from the SecretStore.
    void setServer(const QString& url);
    // For tests: CA certificates trusted besides the system store.
    void setCaCertificates(const QList<QSslCertificate>& certificates);

    // What Connect accepted: URL, token and the pin file.
    ServerProfile profile() const { return m_profile; }
    // The last test's outcome (also after Connect).
    ServerProbe::Report lastReport() const { return m_report; }
    bool isTesting() const;

    QComboBox* urlField() const { return m_url; }
    QLineEdit* tokenField() const { return m_token; }
    QPushButton* testButton() const { return m_test; }
    QPushButton* connectButton() const { return m_connect; }
    QLabel* resultLabel() const { return m_result; }
    QLabel* noticeLabel() const { return m_notice; }

    // The question asked for a certificate that is not trusted yet (shown in a Dialogs::question).
    static QString fingerprintQuestion(const TlsPinStore::Check& check);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void startTest(bool thenConnect);
    void onReport(const ServerProbe::Report& report);
    void showResult(const QString& text, bool ok);
    QString typedToken() const;

    QPointer<SecretStore> m_secrets;
    TlsPinStore m_pins;
    ServerProbe* m_probe = nullptr;
    bool m_connectAfterTest = false;
    ServerProfile m_profile;
    ServerProbe::Report m_report;
    QUrl m_testedUrl;

    QLabel* m_intro = nullptr;
    QLabel* m_urlLabel = nullptr;
    QComboBox* m_url = nullptr;
    QLabel* m_tokenLabel = nullptr;
    QLineEdit* m_token = nullptr;
    QCheckBox* m_reveal = nullptr;
    QLabel* m_tokenHint = nullptr;
    QLabel* m_notice = nullptr;
    QLabel* m_result = nullptr;
    QPushButton* m_test = nullptr;
    QPushButton* m_connect = nullptr;
    QPushButton* m_cancel = nullptr;
};
