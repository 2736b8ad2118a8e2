// Loopback sshd "hosts" for bench/ssh/fanout.py: starts tests/SshdFixture, prints what a client needs as one
// JSON line on stdout, and stops every sshd when its standard input closes (or on SIGTERM/SIGINT).
//   bench_sshd --ports N [--per-server K] [--private-dir PATH] [--max-startups SPEC]
#include "SshdFixture.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

#include <csignal>
#include <cstdio>
#include <unistd.h>

namespace {
volatile std::sig_atomic_t g_stop = 0;
void onSignal(int)
{
    g_stop = 1;
}
} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    int ports = 0;
    SshdFixture fixture;
    for (int i = 1; i + 1 < args.size(); i += 2) {
        if (args.at(i) == QLatin1String("--ports")) {
            ports = args.at(i + 1).toInt();
        } else if (args.at(i) == QLatin1String("--per-server")) {
            fixture.setPortsPerServer(args.at(i + 1).toInt());
        } else if (args.at(i) == QLatin1String("--private-dir")) {
            fixture.setPrivateDirectory(args.at(i + 1));
        } else if (args.at(i) == QLatin1String("--max-startups")) {
            fixture.setMaxStartups(args.at(i + 1)); // sshd's MaxStartups, e.g. OpenSSH's default 10:30:100
        }
    }
    if (ports <= 0 || ports > 1000) {
        std::fprintf(stderr,
            "usage: bench_sshd --ports N (1..1000) [--per-server K] [--private-dir PATH] [--max-startups SPEC]\n");
        return 2;
    }
    const QString why = SshdFixture::unavailableReason();
    if (!why.isEmpty()) {
        std::fprintf(stderr, "bench_sshd: %s\n", qPrintable(why));
        return 1;
    }
    QString error;
    if (!fixture.start(ports, &error)) {
        std::fprintf(stderr, "bench_sshd: %s\n", qPrintable(error));
        return 1;
    }
    QJsonArray portList;
    for (int port : fixture.ports()) {
        portList.append(port);
    }
    QJsonArray pidList;
    for (qint64 pid : fixture.serverPids()) {
        pidList.append(pid);
    }
    const QJsonObject info { { QStringLiteral("ports"), portList }, { QStringLiteral("sshd_pids"), pidList },
        { QStringLiteral("client_key"), fixture.clientKeyPath() },
        { QStringLiteral("known_hosts"), fixture.knownHostsPath() }, { QStringLiteral("dir"), fixture.dir() } };
    std::printf("%s\n", QJsonDocument(info).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);

    struct sigaction action { };
    action.sa_handler = onSignal; // no SA_RESTART: the read below returns on a signal
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGINT, &action, nullptr);
    char buffer[256];
    while (g_stop == 0 && ::read(STDIN_FILENO, buffer, sizeof buffer) > 0) { }
    fixture.stop();
    return 0;
}
