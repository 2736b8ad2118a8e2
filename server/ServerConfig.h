#pragma once

#include "Api.h"
#include "HttpServer.h"
#include "core/Result.h"

#include <QHash>
#include <QString>

// The server's configuration file (`opsdeck-server --config F`; /etc/opsdeck/server.conf in a package): INI
// sections [server] and [limits], every key optional, command-line options win over it. An unknown key or a value
// that is not right is an error naming the file, the line and the key, so that a typo never passes silently.
//
//   [server]                          [limits]
//   data = /var/lib/opsdeck-server    max_connections = 256        requests_per_second_per_token = 100
//   listen = 127.0.0.1:8750           header_bytes = 8192          burst_per_token = 500
//   tls_cert = …   tls_key = …        body_bytes = 1048576         requests_per_second_per_address = 300
//   grace = 30                        read_timeout_ms = 10000      burst_per_address = 1500
//   known_hosts = …   ssh_config = …  idle_timeout_ms = 30000      subscriber_queue = 4096
//   accept_new_host_keys = false
//   database = postgresql://…  (instead of the SQLite file in `data`)
struct ServerConfig {
    QHash<QString, QString> server; // the [server] values as written (the same names as the options)
    HttpServer::Limits http;
    Api::RateLimits rates;

    static Result<ServerConfig> load(const QString& path);
};
