#pragma once

#include <QStringList>

// `opsdeck-server`: serve a data directory, or manage its tokens.
//   opsdeck-server --data DIR --listen 127.0.0.1:8750
//   opsdeck-server token create --data DIR --role viewer|operator|admin --name N [--expires 30d]
//   opsdeck-server token list --data DIR
//   opsdeck-server token revoke --data DIR ID
// SIGTERM or SIGINT stops it: no new connections, answers in flight written, exit status 0.
class ServerMain {
public:
    static int run(const QStringList& arguments);
};
