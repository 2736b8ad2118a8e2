#include "DemoTemplates.h"

#include "store/Workspace.h"
#include "templates/TemplateStore.h"

namespace DemoTemplates {

namespace {

struct Demo {
    const char* name;
    const char* destination;
    const char* mode;
    const char* owner;
    const char* description;
    const char* v1;
    const char* v2;
    const char* note;
};

const char* const kNginx1 = R"(# Managed by OpsDeck: changes on the host are overwritten.
user www-data;
worker_processes {{ nginx_worker_processes }};
error_log /var/log/nginx/error.log {{ log_level }};

events {
    worker_connections 1024;
}

http {
    server {
        listen {{ http_port }};
        server_name {{ inventory_hostname }};
    }
}
)";

const char* const kNginx2 = R"(# Managed by OpsDeck: changes on the host are overwritten.
{# nginx for the shop web tier; variables come from the web groups. #}
user www-data;
worker_processes {{ nginx_worker_processes | default('auto') }};
error_log /var/log/nginx/error.log {{ log_level }};

events {
    worker_connections {{ nginx_worker_connections | default(1024) }};
}

http {
    server_tokens off;
    resolver {{ region.dns | join(' ') }};

    server {
        listen {{ http_port }};
        server_name {{ inventory_hostname }};
{% if 'canary' in group_names %}
        add_header X-Canary "{{ region.name }}";
{% endif %}
    }
}
)";

const char* const kHosts1 = R"(127.0.0.1 localhost
{{ ansible_host | default('127.0.1.1') }} {{ inventory_hostname }}
)";

const char* const kHosts2 = R"(# /etc/hosts for {{ inventory_hostname }} ({{ region.name | default('no region') }})
127.0.0.1 localhost
{{ ansible_host | default('127.0.1.1') }} {{ inventory_hostname }} {{ inventory_hostname_short }}
{% for server in ntp_servers %}
# time source {{ loop.index }}: {{ server }}
{% endfor %}
)";

const char* const kMongod1 = R"(net:
  port: {{ mongodb.port }}
replication:
  replSetName: {{ mongodb.replset }}
)";

const char* const kMongod2 = R"(# mongod.conf for {{ inventory_hostname }}
storage:
  dbPath: /var/lib/mongodb
  wiredTiger:
    engineConfig:
      cacheSizeGB: {{ mongodb.cache_gb }}
net:
  port: {{ mongodb.port }}
  bindIp: 127.0.0.1,{{ ansible_host | default(inventory_hostname) }}
replication:
  replSetName: {{ mongodb.replset }}
{% if mongodb_primary | default(false) %}
# this member is preferred as primary
{% endif %}
)";

const char* const kChrony1 = R"({% for server in ntp_servers %}
server {{ server }} iburst
{% endfor %}
)";

const char* const kChrony2 = R"(# chrony for {{ region.name | default('the fleet') }}
{% for server in ntp_servers %}
server {{ server }} iburst
{% endfor %}
driftfile /var/lib/chrony/chrony.drift
makestep 1.0 3
)";

} // namespace

Result<void> addTo(Workspace& workspace)
{
    TemplateStore store(workspace);
    const QList<Demo> demos {
        { "nginx.conf", "/etc/nginx/nginx.conf", "0644", "root:root", "The shop web tier's nginx.", kNginx1, kNginx2,
            "resolver, canary header, defaults" },
        { "hosts", "/etc/hosts", "0644", "root:root", "Names of the host itself.", kHosts1, kHosts2,
            "short name, time sources" },
        { "mongod.conf", "/etc/mongod.conf", "0644", "mongodb:mongodb", "mongod of the shop replica sets.", kMongod1,
            kMongod2, "storage and bind address" },
        { "chrony.conf", "/etc/chrony/chrony.conf", "0644", "root:root", "Time synchronisation.", kChrony1, kChrony2,
            "drift file, makestep" },
    };
    return workspace.inTransaction([&]() -> Result<void> {
        for (const Demo& d : demos) {
            ConfigTemplate t;
            t.name = QString::fromUtf8(d.name);
            t.destination = QString::fromUtf8(d.destination);
            t.mode = QString::fromUtf8(d.mode);
            t.owner = QString::fromUtf8(d.owner);
            t.description = QString::fromUtf8(d.description);
            t.content = QString::fromUtf8(d.v1);
            auto created = store.create(t, QStringLiteral("demo"));
            if (!created) {
                return created.error();
            }
            ConfigTemplate next = *created;
            next.content = QString::fromUtf8(d.v2);
            if (auto saved = store.save(next, QString::fromUtf8(d.note)); !saved) {
                return saved.error();
            }
        }
        return {};
    });
}

} // namespace DemoTemplates
