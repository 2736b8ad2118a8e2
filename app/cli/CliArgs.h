#pragma once

#include "core/Result.h"
#include "store/Workspace.h"

#include <QMultiHash>
#include <QStringList>
#include <QTextStream>
#include <functional>
#include <memory>

// The option parsing and small helpers the library commands of opsdeck-cli share (`script …`, `template …`).
namespace CliArgs {

constexpr int kOk = 0;
constexpr int kFailed = 1;
constexpr int kUsage = 2;

struct Args {
    QStringList positional;
    QMultiHash<QString, QString> options; // option → values (values() is reversed: use list())
    QStringList flags;
    QStringList command; // the words after a lone `--`
    bool hasCommand = false; // a lone `--` was given
    QStringList list(const QString& option) const; // every value, in the order given
    QString value(const QString& option) const { return options.value(option); } // the last one given
    bool has(const QString& option) const { return options.contains(option); }
    bool flag(const QString& name) const { return flags.contains(name); }
};

// Parses `--opt VALUE`, `--opt=VALUE` and `--flag`; `valued` lists the options that take a value; everything
// after a lone `--` is the command (`run -- grep -w foo`). Errors name the option and point at `COMMAND --help`.
bool parse(const QStringList& in, const QStringList& valued, const QStringList& flags, const QString& command,
    Args* out, QTextStream& err);

// The job layer of variables given on the command line: the YAML mapping of `--job-vars FILE` (when `file` is not
// empty), then each `--var KEY=VALUE` (a string) on top. Errors name the file (line, column) or the assignment.
Result<QVariantMap> jobVariables(const QString& file, const QStringList& assignments);

// Prints "opsdeck-cli: MESSAGE" and returns `code`.
int fail(QTextStream& err, const QString& message, int code = kFailed);

// A version number given on the command line (1, 2, 3 …), or an error that says what was wrong.
bool versionNumber(const QString& text, int* number, QString* error);

// `COMMAND diff NAME V1 V2`: the three words checked (exit code kUsage with the message printed), or kOk.
int diffArgs(const QStringList& words, const QString& command, QString* name, int* v1, int* v2, QTextStream& err);
// What `versions` prints for one version: NUMBER<TAB>TIME (UTC, ISO 8601)<TAB>AUTHOR<TAB>MESSAGE on one line.
void printVersionLine(
    QTextStream& out, int version, const QDateTime& createdAt, const QString& author, const QString& message);
// What `diff` prints: the unified diff of two versions' texts, labelled NAME@V1 and NAME@V2.
void printDiff(QTextStream& out, const QString& name, int v1, const QString& text1, int v2, const QString& text2);

// An open workspace and a library store over it (ScriptStore, TemplateStore).
template <typename Store> struct Library {
    std::unique_ptr<Workspace> workspace;
    std::unique_ptr<Store> store;
};

template <typename Store> Result<Library<Store>> openLibrary(const QString& path, Workspace::OpenMode mode)
{
    auto ws = Workspace::open(path, mode);
    if (!ws) {
        return ws.error();
    }
    Library<Store> lib;
    lib.workspace = std::move(*ws);
    lib.store = std::make_unique<Store>(*lib.workspace);
    return lib;
}

// A subcommand of a command group (`script add`, `template list` …): its name and what runs it with the words
// after it.
struct Subcommand {
    QLatin1String name;
    std::function<int(const QStringList&)> run;
};
// Runs the subcommand named by the first word of `args`; `--help` anywhere prints `usage`. No words or an unknown
// subcommand is a usage error that lists the subcommands.
int dispatch(const QStringList& args, const char* usage, const QString& command, const QList<Subcommand>& subcommands,
    QTextStream& out, QTextStream& err);

} // namespace CliArgs
