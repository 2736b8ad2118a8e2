#pragma once

#include <QString>
#include <QStringView>
#include <QVariant>
#include <optional>

// Python's ast.literal_eval(), as plugins/inventory/ini.py _parse_value() applies it to a value, and its inverse
// (repr). A recursive-descent parser over the literal grammar: numbers, strings with their prefixes, True/False/
// None, lists, tuples and dicts, with a sign only on a number.
class PythonLiteral {
public:
    enum class Outcome { Value, NotLiteral, TypeError };

    explicit PythonLiteral(QStringView s);
    // Parses the whole text: Value (and *out), NotLiteral where literal_eval() raises ValueError or SyntaxError,
    // TypeError where it raises TypeError (an unhashable dict key).
    Outcome run(QVariant* out);

    // literal_eval() of `text`; nullopt when Python would raise ValueError/SyntaxError (the ini plugin then keeps
    // the text as a string). Tuples become lists, bytes strings.
    static std::optional<QVariant> value(QStringView text);
    // Python source for a value that ast.literal_eval() reads back to the same value (NaN, which has no literal,
    // as the string 'nan').
    static QString repr(const QVariant& v);

private:
    struct Val {
        QVariant value;
        bool number = false; // a numeric constant node (what a unary +/- may apply to)
        bool hashable = true;
        bool tuple = false;
    };

    QChar peek(qsizetype ahead = 0) const;
    void skipSpace();
    static bool isIdentChar(QChar c);
    std::optional<Val> parseExpressionList(QChar closer);
    std::optional<Val> parseExpression();
    std::optional<Val> parseAtom();
    std::optional<Val> parseBrace();
    bool startsString() const;
    std::optional<Val> parseStrings();
    bool parseOneString(bool raw, bool bytes, QString& out);
    std::optional<uint> hex(int len);
    std::optional<Val> parseNumber();

    QStringView m_s;
    qsizetype m_i = 0;
    bool m_typeError = false;
};
