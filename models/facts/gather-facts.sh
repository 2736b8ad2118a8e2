# OpsDeck's facts gathering (docs/facts.md): one POSIX sh script, fed on standard input, that reads what a host is
# with the tools every Debian, Ubuntu, RHEL/Rocky and Alpine system has (nothing is installed or written) and prints
# one text in sections "@@opsdeck-facts@@ NAME"; models/facts/FactsParser turns it into Ansible's fact names.
# A command that is missing leaves its section empty: the parser decides what that means.
LC_ALL=C
export LC_ALL
PATH="$PATH:/usr/sbin:/sbin:/usr/bin:/bin"
export PATH
section() { printf '@@opsdeck-facts@@ %s\n' "$1"; }
have() { command -v "$1" >/dev/null 2>&1; }
show() { [ -r "$1" ] && cat "$1"; }

section format-1
section os-release
show /etc/os-release || show /usr/lib/os-release
section debian_version
show /etc/debian_version
section alpine-release
show /etc/alpine-release
section redhat-release
show /etc/redhat-release
section uname
uname -s
uname -r
uname -m
uname -v
section nproc
nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null
section cpuinfo
grep -E '^(processor|physical id|core id|cpu cores|siblings)[[:space:]]*:' /proc/cpuinfo 2>/dev/null
section meminfo
show /proc/meminfo
section mounts
show /proc/mounts
section df
df -P -k 2>/dev/null
section ip-addr
ip -o addr show 2>/dev/null
section ip-link
ip -o link show 2>/dev/null
section route4
ip -4 route get 8.8.8.8 2>/dev/null
section route6
ip -6 route get 2404:6800:400a:800::1012 2>/dev/null
section routes
ip -4 route show default 2>/dev/null
ip -6 route show default 2>/dev/null
section hostname
uname -n
hostname -f 2>/dev/null || echo
section fqdn-lookup
# What Python's socket.getfqdn() (Ansible's fqdn) sees: the node name's first address (getaddrinfo, as Python's
# gethostbyaddr resolves it), looked up backwards; nothing when that fails, "no-getent" when it cannot be asked.
if have getent; then
    node=$(uname -n)
    addr=$(getent ahosts "$node" 2>/dev/null | awk 'NR == 1 { print $1 }')
    [ -n "$addr" ] || addr=$(getent hosts "$node" 2>/dev/null | awk 'NR == 1 { print $1 }')
    [ -n "$addr" ] && getent hosts "$addr" 2>/dev/null | head -n 1
else
    echo no-getent
fi
section uptime
show /proc/uptime
section timezone
printf 'abbrev=%s\n' "$(date +%Z)"
printf 'offset=%s\n' "$(date +%z)"
tz=
if have timedatectl; then
    tz=$(timedatectl show -p Timezone --value 2>/dev/null)
fi
if [ -z "$tz" ] && [ -r /etc/timezone ]; then
    tz=$(head -n 1 /etc/timezone)
fi
if [ -z "$tz" ] && [ -L /etc/localtime ]; then
    tz=$(readlink /etc/localtime | sed 's|^.*zoneinfo/||')
fi
printf 'name=%s\n' "$tz"
if have dpkg-query; then
    section packages-dpkg
    dpkg-query -W -f='${db:Status-Abbrev}\t${Package}\t${Version}\t${Architecture}\t${Section}\n' 2>/dev/null
elif have rpm; then
    section packages-rpm
    rpm -qa --queryformat '%{NAME}\t%{EPOCH}\t%{VERSION}\t%{RELEASE}\t%{ARCH}\n' 2>/dev/null
elif have apk; then
    section packages-apk
    apk info -v 2>/dev/null
fi
# Services as Ansible's service_facts sees them: only when PID 1 is systemd.
if have systemctl && grep -q systemd /proc/1/comm 2>/dev/null; then
    section services-systemd
    systemctl list-units --type=service --all --no-legend --plain --no-pager 2>/dev/null
    section unit-files-systemd
    systemctl list-unit-files --type=service --no-legend --no-pager 2>/dev/null
    # Since when each loaded unit is in its state (OpsDeck's own, service_facts has none): seconds since the epoch
    # where systemd knows --timestamp=unix (248+), else its local-time text.
    section services-show-systemd
    props=Id,ActiveState,SubState,StateChangeTimestamp
    systemctl show --all --timestamp=unix --property="$props" '*.service' 2>/dev/null ||
        systemctl show --all --property="$props" '*.service' 2>/dev/null
fi
section end
