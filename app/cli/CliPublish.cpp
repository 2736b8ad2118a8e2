#include "CliPublish.h"

#include "CliArgs.h"
#include "store/Workspace.h"
#include "sync/LibrarySync.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QUrl>

namespace CliPublish {

namespace {

constexpr int kOk = 0;
constexpr int kFailed = 1;
constexpr int kUsage = 2;

int fail(QTextStream& err, const QString& message, int code = kFailed)
{
    err << "opsdeck-cli: " << message << Qt::endl;
    return code;
}

const char* kPublishHelp = R"(Usage: opsdeck-cli --workspace PATH --server URL --token-file FILE publish [OPTIONS]

Publishes what the workspace holds to the control server: scripts and templates that are new or changed since the
server's version the workspace last saw (each saved there as a new version, based on that version), and the
inventory (replacing the server's, based on the revision last seen). Nothing is overwritten silently: an item the
server's copy moved on for is a conflict and is only published when named with --overwrite. Nothing is deleted on
the server.

Options:
  --dry-run            print what would be published, change nothing
  --diff               print the difference (server -> workspace) of every item not the same
  --only PARTS         scripts, templates, inventory (comma-separated; default all)
  --overwrite KEY      publish this conflict anyway (KEY as printed: script:NAME, template:NAME, inventory);
                       repeatable, or "all"
  -h, --help           this help

Exit status: 0 when everything new or changed was published and nothing is in conflict, 1 otherwise, 2 on a usage
error.
)";

} // namespace

int runPublishCommand(
    const QStringList& args, const QString& workspacePath, const CliServer& server, QTextStream& out, QTextStream& err)
{
    QCommandLineParser p;
    p.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help({ QStringLiteral("h"), QStringLiteral("help") }, QStringLiteral("help"));
    const QCommandLineOption dryRun(QStringLiteral("dry-run"), QStringLiteral("dry run"));
    const QCommandLineOption diff(QStringLiteral("diff"), QStringLiteral("diff"));
    const QCommandLineOption only(QStringLiteral("only"), QStringLiteral("parts"), QStringLiteral("PARTS"));
    const QCommandLineOption overwrite(QStringLiteral("overwrite"), QStringLiteral("key"), QStringLiteral("KEY"));
    p.addOptions({ help, dryRun, diff, only, overwrite });
    if (!p.parse(QStringList { QStringLiteral("publish") } + args)) {
        return fail(err, p.errorText() + QStringLiteral(" (see publish --help)"), kUsage);
    }
    if (p.isSet(help)) {
        out << kPublishHelp;
        return kOk;
    }
    if (!p.positionalArguments().isEmpty()) {
        return fail(err, QStringLiteral("publish takes no arguments (see publish --help)"), kUsage);
    }
    if (!server.active()) {
        return fail(err,
            QStringLiteral("publish needs --server URL --token-file FILE: the server to publish the workspace to"),
            kUsage);
    }
    int parts = 0;
    for (const QString& part : p.value(only).split(u',', Qt::SkipEmptyParts)) {
        const QString t = part.trimmed();
        if (t == QLatin1String("scripts")) {
            parts |= LibrarySync::Scripts;
        } else if (t == QLatin1String("templates")) {
            parts |= LibrarySync::Templates;
        } else if (t == QLatin1String("inventory")) {
            parts |= LibrarySync::InventoryPart;
        } else {
            return fail(
                err, QStringLiteral("--only: unknown part '%1' (scripts, templates, inventory)").arg(t), kUsage);
        }
    }
    if (parts == 0) {
        parts = LibrarySync::Everything;
    }
    auto workspace = Workspace::open(workspacePath, Workspace::OpenMode::OpenExisting);
    if (!workspace) {
        return fail(err, workspace.error().toString());
    }
    auto backend = server.open();
    if (!backend) {
        return fail(err, backend.error().toString());
    }
    LibrarySync sync(**workspace, (*backend)->http());
    auto plan = sync.plan(parts);
    if (!plan) {
        return fail(err, plan.error().toString());
    }
    const QStringList named = p.values(overwrite);
    QSet<QString> overwriting(named.begin(), named.end());
    for (const QString& key : named) {
        if (key == QLatin1String("all")) {
            continue;
        }
        const bool known = std::any_of(plan->items.begin(), plan->items.end(),
            [&](const LibrarySync::Item& i) { return i.key() == key && i.state == LibrarySync::State::Conflict; });
        if (!known) {
            return fail(err, QStringLiteral("--overwrite %1: not a conflict of this comparison").arg(key), kUsage);
        }
    }
    if (overwriting.contains(QStringLiteral("all"))) {
        for (const LibrarySync::Item& i : plan->items) {
            overwriting.insert(i.key());
        }
    }
    out << plan->toText();
    if (p.isSet(diff)) {
        for (const LibrarySync::Item& i : plan->items) {
            if (i.state != LibrarySync::State::Same) {
                out << i.diff();
                if (!i.serverPlan.isEmpty()) {
                    out << "# what the server would change:\n" << i.serverPlan;
                }
            }
        }
    }
    int conflicts = 0;
    for (const LibrarySync::Item& i : plan->items) {
        conflicts += i.state == LibrarySync::State::Conflict && !overwriting.contains(i.key()) ? 1 : 0;
    }
    if (p.isSet(dryRun)) {
        out << "dry run: nothing published\n";
        return conflicts ? kFailed : kOk;
    }
    const LibrarySync::Outcome done = sync.publish(*plan, overwriting);
    for (const QString& key : done.published) {
        out << "published " << key << "\n";
    }
    for (const QString& f : done.failed) {
        err << "opsdeck-cli: not published: " << f << Qt::endl;
    }
    if (conflicts) {
        err << "opsdeck-cli: " << conflicts
            << " conflict(s) not published: see them with --diff, then publish with --overwrite KEY, or take the "
               "server's copy"
            << Qt::endl;
    }
    return done.failed.isEmpty() && conflicts == 0 ? kOk : kFailed;
}

int runOnMirror(const CliServer& server, bool writes, const std::function<int(const QString& path)>& command,
    QTextStream& out, QTextStream& err)
{
    Q_UNUSED(out);
    QTemporaryDir dir;
    if (!dir.isValid()) {
        return fail(err, QStringLiteral("cannot make a temporary directory: %1").arg(dir.errorString()));
    }
    const QString path = dir.filePath(QStringLiteral("server.opsdeck"));
    auto backend = server.open();
    if (!backend) {
        return fail(err, backend.error().toString());
    }
    {
        auto workspace = Workspace::open(path, Workspace::OpenMode::CreateIfMissing);
        if (!workspace) {
            return fail(err, workspace.error().toString());
        }
        LibrarySync sync(**workspace, (*backend)->http());
        if (auto pulled = sync.pull(); !pulled) {
            return fail(err, QStringLiteral("reading the server's library and inventory: ") + pulled.error().message);
        }
    }
    const int code = command(path);
    if (!writes || code != kOk) {
        return code;
    }
    auto workspace = Workspace::open(path, Workspace::OpenMode::OpenExisting);
    if (!workspace) {
        return fail(err, workspace.error().toString());
    }
    LibrarySync sync(**workspace, (*backend)->http());
    auto plan = sync.plan();
    if (!plan) {
        return fail(err, QStringLiteral("saving on the server: ") + plan.error().message);
    }
    const LibrarySync::Outcome done = sync.publish(*plan);
    for (const QString& f : done.failed) {
        err << "opsdeck-cli: not saved on the server: " << f << Qt::endl;
    }
    for (const QString& key : done.skipped) {
        err << "opsdeck-cli: not saved on the server: " << key
            << ": the server's copy changed while the command ran; run it again" << Qt::endl;
    }
    return done.failed.isEmpty() && done.skipped.isEmpty() ? kOk : kFailed;
}

int runServerVersions(
    const QString& kind, const QStringList& words, const CliServer& server, QTextStream& out, QTextStream& err)
{
    const QString sub = words.value(0);
    const QString collection = QStringLiteral("/api/v1/%1s/").arg(kind);
    auto backend = server.open();
    if (!backend) {
        return fail(err, backend.error().toString());
    }
    RemoteHttpClient& http = (*backend)->http();
    const auto path = [&](const QString& name) -> QString {
        return collection + QString::fromLatin1(QUrl::toPercentEncoding(name));
    };
    if (sub == QLatin1String("versions")) {
        if (words.size() != 2) {
            return fail(err, QStringLiteral("%1 versions needs one NAME (see %1 --help)").arg(kind), kUsage);
        }
        auto answer = http.get(path(words.at(1)) + QStringLiteral("/versions"));
        if (!answer) {
            return fail(err, answer.error().toString());
        }
        for (const QJsonValue& v : answer->value(QStringLiteral("versions")).toArray()) {
            const QJsonObject o = v.toObject();
            CliArgs::printVersionLine(out, o.value(QStringLiteral("version")).toInt(),
                QDateTime::fromString(o.value(QStringLiteral("createdAt")).toString(), Qt::ISODateWithMs),
                o.value(QStringLiteral("author")).toString(), o.value(QStringLiteral("message")).toString());
        }
        return kOk;
    }
    QString name;
    int v1 = 0;
    int v2 = 0;
    if (const int code = CliArgs::diffArgs(words.mid(1), kind, &name, &v1, &v2, err); code != kOk) {
        return code;
    }
    auto old = http.get(path(name) + QStringLiteral("/versions/%1").arg(v1));
    if (!old) {
        return fail(err, old.error().toString());
    }
    auto now = http.get(path(name) + QStringLiteral("/versions/%1").arg(v2));
    if (!now) {
        return fail(err, now.error().toString());
    }
    const auto content
        = [&](const QJsonObject& o) { return o.value(kind).toObject().value(QStringLiteral("content")).toString(); };
    CliArgs::printDiff(out, name, v1, content(*old), v2, content(*now));
    return kOk;
}

} // namespace CliPublish
