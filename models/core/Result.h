#pragma once

#include <QString>
#include <optional>
#include <utility>

// A place in an input (file, line, column) that an error message can name. Lines and columns are 1-based;
// 0 means "not known".
struct SourceLocation {
    QString file;
    int line = 0;
    int column = 0;
};

// An error as a value: what went wrong and where. toString() gives the one-line form "FILE:LINE:COL: message"
// used by the CLI and the message bars of the GUI.
struct Error {
    QString message;
    SourceLocation where;

    Error() = default;
    explicit Error(QString msg, SourceLocation loc = {})
        : message(std::move(msg))
        , where(std::move(loc))
    {
    }
    QString toString() const
    {
        QString prefix;
        if (!where.file.isEmpty()) {
            prefix = where.file;
            if (where.line > 0) {
                prefix += QLatin1Char(':') + QString::number(where.line);
                if (where.column > 0) {
                    prefix += QLatin1Char(':') + QString::number(where.column);
                }
            }
            prefix += QLatin1String(": ");
        }
        return prefix + message;
    }
};

// Result<T>: a value or an Error (std::expected is C++23; GCC 12 does not ship it in C++20 mode).
template <typename T> class [[nodiscard]] Result {
public:
    Result(T value)
        : m_value(std::move(value))
    {
    }
    Result(Error error)
        : m_error(std::move(error))
    {
    }
    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }
    T& value() { return *m_value; }
    const T& value() const { return *m_value; }
    T& operator*() { return *m_value; }
    const T& operator*() const { return *m_value; }
    T* operator->() { return &*m_value; }
    const T* operator->() const { return &*m_value; }
    const Error& error() const { return m_error; }
    QString errorString() const { return m_error.toString(); }

private:
    std::optional<T> m_value;
    Error m_error;
};

template <> class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error)
        : m_failed(true)
        , m_error(std::move(error))
    {
    }
    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const Error& error() const { return m_error; }
    QString errorString() const { return m_error.toString(); }

private:
    bool m_failed = false;
    Error m_error;
};
