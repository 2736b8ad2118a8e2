"""The host variables the template benchmark renders for, shared by the Python peer and (as JSON) the C++ side."""


def host_vars(i):
    name = "web%05d.dc%d.example.com" % (i, i % 4)
    ip = "10.%d.%d.%d" % ((i >> 16) & 255, (i >> 8) & 255, i & 255)
    idc = ["js", "bj", "sh", "gz"][i % 4]
    env = "prod" if i % 3 else "staging"
    return {
        "inventory_hostname": name,
        "ansible_host": ip,
        "idc": idc,
        "env": env,
        "nginx": {
            "worker_processes": 2 + i % 6,
            "worker_connections": 1024 * (1 + i % 4),
            "listen_port": 443 if i % 5 == 0 else 80,
            "server_names": [name, "alias%d.example.com" % i],
            "gzip": i % 2 == 0,
            "gzip_types": ["text/plain", "text/css", "application/json"],
            "ssl": i % 5 == 0,
            "upstreams": [{"name": "app", "servers": [
                {"host": "10.1.%d.%d" % (j, i % 250), "port": 8000 + j, "weight": 1 + j % 3} for j in range(4)]}],
            "locations": [{"path": "/", "proxy": "app"}, {"path": "/static", "root": "/var/www/static"}],
        },
        "mongod": {
            "port": 27017,
            "bind_ip": ["127.0.0.1", ip],
            "replset": "rs%d" % (i % 10),
            "cache_gb": 1.5 + (i % 8) * 0.5,
            "storage_path": "/data/db",
            "auth": i % 2 == 1,
            "members": [{"host": "10.2.%d.%d" % (k, i % 200), "port": 27017, "priority": k + 1} for k in range(3)],
        },
        "service": {
            "name": "app",
            "user": "svc",
            "exec": "/opt/app/bin/app --port 8080 --region %s" % idc,
            "env": {"APP_ENV": env, "REGION": idc, "THREADS": "8", "HOST": name},
            "restart": "always",
            "limits": {"nofile": 65536},
        },
        "hosts_entries": [{"ip": "10.3.%d.%d" % (k, i % 250), "names": ["peer%d-%d" % (k, i % 250), "p%d" % k]}
                          for k in range(20)],
    }
