#include "ScriptLanguage.h"

#include "scripts/ScriptFinding.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QStringList>

namespace {

const QByteArray utf8Bom("\xEF\xBB\xBF");

std::optional<ScriptLanguage> fromInterpreter(const QString& command)
{
    // Only the base name counts: /usr/local/bin/bash is bash. Versioned names (python3.11, perl5.36) are common in
    // virtualenvs and perlbrew installations.
    const QString base = command.section(QLatin1Char('/'), -1);
    if (base == QLatin1String("bash")) {
        return ScriptLanguage::Bash;
    }
    if (base == QLatin1String("sh") || base == QLatin1String("dash") || base == QLatin1String("ash")) {
        return ScriptLanguage::Sh;
    }
    static const QRegularExpression python(QStringLiteral("^python(?:\\d+(?:\\.\\d+)*)?$"));
    if (python.match(base).hasMatch()) {
        return ScriptLanguage::Python;
    }
    static const QRegularExpression perl(QStringLiteral("^perl(?:\\d+(?:\\.\\d+)*)?$"));
    if (perl.match(base).hasMatch()) {
        return ScriptLanguage::Perl;
    }
    return std::nullopt;
}

std::optional<ScriptLanguage> fromShebang(QByteArray content)
{
    if (content.startsWith(utf8Bom)) {
        content.remove(0, utf8Bom.size());
    }
    if (!content.startsWith("#!")) {
        return std::nullopt;
    }
    const qsizetype end = content.indexOf('\n');
    const QString line = QString::fromUtf8(content.mid(2, end < 0 ? -1 : end - 2)).trimmed();
    const QStringList words = line.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
    if (words.isEmpty()) {
        return std::nullopt;
    }
    if (words.first().section(QLatin1Char('/'), -1) != QLatin1String("env")) {
        return fromInterpreter(words.first());
    }
    // `#!/usr/bin/env [-S] [-i] [NAME=value…] command [args]`: the command is the first word that is neither an
    // option nor an assignment. `-Sbash` (option and command glued) is accepted too.
    for (qsizetype i = 1; i < words.size(); ++i) {
        const QString& word = words.at(i);
        if (word.startsWith(QLatin1String("-S")) && word.size() > 2) {
            return fromInterpreter(word.mid(2));
        }
        if (word == QLatin1String("-u") || word == QLatin1String("-C")) {
            ++i; // these options take an argument
            continue;
        }
        if (word.startsWith(QLatin1Char('-')) || word.contains(QLatin1Char('='))) {
            continue;
        }
        return fromInterpreter(word);
    }
    return std::nullopt;
}

// Length of the valid UTF-8 sequence starting at `i`, or 0 when the bytes there are not valid UTF-8 (stray
// continuation byte, overlong form, surrogate, beyond U+10FFFF, truncated sequence).
int utf8SequenceLength(const QByteArray& s, qsizetype i)
{
    const auto byte = [&](qsizetype k) { return k < s.size() ? static_cast<unsigned char>(s.at(k)) : 0u; };
    const unsigned b0 = byte(i);
    const auto cont = [&](qsizetype k) { return k < s.size() && (byte(k) & 0xC0u) == 0x80u; };
    if (b0 < 0x80u) {
        return 1;
    }
    if (b0 >= 0xC2u && b0 <= 0xDFu) {
        return cont(i + 1) ? 2 : 0;
    }
    if (b0 >= 0xE0u && b0 <= 0xEFu) {
        const unsigned b1 = byte(i + 1);
        const bool ok1 = (b0 == 0xE0u) ? (b1 >= 0xA0u && b1 <= 0xBFu)
            : (b0 == 0xEDu)            ? (b1 >= 0x80u && b1 <= 0x9Fu) // no UTF-16 surrogates
                                       : cont(i + 1);
        return ok1 && cont(i + 2) ? 3 : 0;
    }
    if (b0 >= 0xF0u && b0 <= 0xF4u) {
        const unsigned b1 = byte(i + 1);
        const bool ok1 = (b0 == 0xF0u) ? (b1 >= 0x90u && b1 <= 0xBFu)
            : (b0 == 0xF4u)            ? (b1 >= 0x80u && b1 <= 0x8Fu) // nothing above U+10FFFF
                                       : cont(i + 1);
        return ok1 && cont(i + 2) && cont(i + 3) ? 4 : 0;
    }
    return 0;
}

int lineOfOffset(const QByteArray& content, qsizetype offset)
{
    return static_cast<int>(QByteArrayView(content.constData(), offset).count('\n')) + 1;
}

} // namespace

namespace ScriptLanguages {

QString name(ScriptLanguage language)
{
    switch (language) {
    case ScriptLanguage::Bash:
        return QStringLiteral("bash");
    case ScriptLanguage::Sh:
        return QStringLiteral("sh");
    case ScriptLanguage::Python:
        return QStringLiteral("python");
    case ScriptLanguage::Perl:
        return QStringLiteral("perl");
    }
    return QString();
}

std::optional<ScriptLanguage> fromName(const QString& name)
{
    for (const ScriptLanguage language :
        { ScriptLanguage::Bash, ScriptLanguage::Sh, ScriptLanguage::Python, ScriptLanguage::Perl }) {
        if (ScriptLanguages::name(language) == name) {
            return language;
        }
    }
    return std::nullopt;
}

QString interpreter(ScriptLanguage language)
{
    switch (language) {
    case ScriptLanguage::Bash:
        return QStringLiteral("bash");
    case ScriptLanguage::Sh:
        return QStringLiteral("sh");
    case ScriptLanguage::Python:
        return QStringLiteral("python3");
    case ScriptLanguage::Perl:
        return QStringLiteral("perl");
    }
    return QString();
}

QString extension(ScriptLanguage language)
{
    switch (language) {
    case ScriptLanguage::Bash:
    case ScriptLanguage::Sh:
        return QStringLiteral("sh");
    case ScriptLanguage::Python:
        return QStringLiteral("py");
    case ScriptLanguage::Perl:
        return QStringLiteral("pl");
    }
    return QString();
}

std::optional<ScriptLanguage> detect(const QString& fileName, const QByteArray& content)
{
    // The shebang is what the kernel runs, so it beats the extension; an interpreter we do not support (zsh, ruby)
    // falls through to the extension.
    if (const auto language = fromShebang(content)) {
        return language;
    }
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    // Operators write bash in .sh files far more often than strict POSIX sh, so .sh means bash.
    if (suffix == QLatin1String("sh") || suffix == QLatin1String("bash")) {
        return ScriptLanguage::Bash;
    }
    if (suffix == QLatin1String("py")) {
        return ScriptLanguage::Python;
    }
    if (suffix == QLatin1String("pl") || suffix == QLatin1String("pm")) {
        return ScriptLanguage::Perl;
    }
    return std::nullopt;
}

QString refusalReason(const QByteArray& content)
{
    // Offsets are 0-based byte offsets into the file, as hexdump and cmp print them.
    const qsizetype nul = content.indexOf('\0');
    if (nul >= 0) {
        return QStringLiteral("binary file (NUL byte at line %1, offset %2)").arg(lineOfOffset(content, nul)).arg(nul);
    }
    qsizetype i = content.startsWith(utf8Bom) ? utf8Bom.size() : 0;
    while (i < content.size()) {
        if (static_cast<unsigned char>(content.at(i)) < 0x80u) {
            ++i;
            continue;
        }
        const int length = utf8SequenceLength(content, i);
        if (length == 0) {
            const auto byte = static_cast<unsigned char>(content.at(i));
            return QStringLiteral("line %1: byte 0x%2 at offset %3 is not valid UTF-8")
                .arg(lineOfOffset(content, i))
                .arg(byte, 2, 16, QLatin1Char('0'))
                .arg(i);
        }
        i += length;
    }
    return QString();
}

QString decode(const QByteArray& content)
{
    if (content.startsWith(utf8Bom)) {
        return QString::fromUtf8(content.constData() + utf8Bom.size(), content.size() - utf8Bom.size());
    }
    return QString::fromUtf8(content);
}

} // namespace ScriptLanguages

QString ScriptFinding::severityName(Severity severity)
{
    switch (severity) {
    case Severity::Info:
        return QStringLiteral("info");
    case Severity::Warning:
        return QStringLiteral("warning");
    case Severity::Error:
        return QStringLiteral("error");
    case Severity::Block:
        return QStringLiteral("block");
    }
    return QString();
}
