#pragma once

#include "core/Result.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <optional>

class Workspace;

// The control server's bearer tokens, in the workspace (table api_tokens). A token is "odt_" and 43 characters of
// base64url: 256 random bits from the operating system. Only its SHA-256 is stored, so a copy of the database
// gives no one access; the token itself is shown once, when it is created. Roles: viewer (read), operator (read,
// run, author), admin (also tokens and the audit log).
class TokenStore {
public:
    enum class Role { Viewer, Operator, Admin };

    struct Token {
        qint64 id = 0;
        QString name;
        Role role = Role::Viewer;
        QDateTime createdAt;
        std::optional<QDateTime> expiresAt;
        std::optional<QDateTime> revokedAt;
        std::optional<QDateTime> lastUsedAt;
        bool isValidAt(const QDateTime& now) const { return !revokedAt && (!expiresAt || now < *expiresAt); }
    };
    struct Created {
        Token token;
        QString secret; // the bearer token: shown once, never stored
    };

    explicit TokenStore(Workspace& workspace);

    // Errors: an empty or overlong name.
    Result<Created> create(const QString& name, Role role, std::optional<QDateTime> expiresAt);
    Result<QList<Token>> list() const;
    // Errors: no such token. Revoking a revoked token is not an error.
    Result<void> revoke(qint64 id);
    // The token a bearer secret stands for, when it is known, not revoked and not expired (last use recorded).
    std::optional<Token> authenticate(const QString& secret);

    static QString roleName(Role role);
    static std::optional<Role> roleFromName(const QString& name);
    // Whether a token of `have` may do what needs `need` (admin > operator > viewer).
    static bool allows(Role have, Role need) { return int(have) >= int(need); }
    // "30d", "12h", "90m": a duration for --expires; std::nullopt when it does not parse.
    static std::optional<qint64> parseDurationSeconds(const QString& text);

private:
    Workspace& m_workspace;
};
