#include "SearchIndex.h"

#include "inventory/Inventory.h"

#include <fnmatch.h>

namespace {

std::string lower(const QString& s)
{
    return s.toLower().toStdString();
}

} // namespace

SearchIndex::SearchIndex(const Inventory& inventory)
{
    const QVector<Host>& hosts = inventory.hosts();
    const size_t n = size_t(hosts.size());
    m_name.reserve(n);
    m_address.reserve(n);
    m_text.reserve(n);
    for (auto& a : m_attr) {
        a.reserve(n);
    }
    m_tagStart.reserve(n + 1);
    const auto intern = [this](Attr attr, const QString& value) {
        const QString key = value.toLower();
        auto it = m_values[attr].constFind(key);
        if (it != m_values[attr].constEnd()) {
            return it.value();
        }
        const int id = int(m_valueText[attr].size());
        m_values[attr].insert(key, id);
        m_valueText[attr].push_back(key.toStdString());
        return id;
    };
    for (const Host& h : hosts) {
        m_name.push_back(lower(h.name));
        m_address.push_back(lower(h.effectiveAddress()));
        m_attr[Idc].push_back(intern(Idc, h.idc));
        m_attr[Business].push_back(intern(Business, h.business));
        m_attr[Env].push_back(intern(Env, h.env));
        m_attr[Status].push_back(intern(Status, h.status));
        std::string text = m_name.back();
        text += '\x1f';
        text += lower(h.address);
        text += '\x1f';
        text += lower(h.idc);
        text += '\x1f';
        text += lower(h.business);
        m_tagStart.push_back(int(m_tagIdsFlat.size()));
        for (const QString& t : h.tags) {
            const QString key = t.toLower();
            auto it = m_tagIds.constFind(key);
            int id;
            if (it == m_tagIds.constEnd()) {
                id = int(m_tagText.size());
                m_tagIds.insert(key, id);
                m_tagText.push_back(key.toStdString());
            } else {
                id = it.value();
            }
            m_tagIdsFlat.push_back(id);
            text += '\x1f';
            text += m_tagText[size_t(id)];
        }
        m_text.push_back(std::move(text));
    }
    m_tagStart.push_back(int(m_tagIdsFlat.size()));

    const QVector<Group>& groups = inventory.groups();
    m_groupName.reserve(size_t(groups.size()));
    m_groupHosts.resize(size_t(groups.size()));
    m_groupChildren.resize(size_t(groups.size()));
    for (int g = 0; g < groups.size(); ++g) {
        m_groupName.push_back(lower(groups[g].name));
        for (const QString& h : groups[g].hosts) {
            const int i = inventory.hostIndex(h);
            if (i >= 0) {
                m_groupHosts[size_t(g)].push_back(i);
            }
        }
        for (const QString& c : groups[g].children) {
            const int i = inventory.groupIndex(c);
            if (i >= 0) {
                m_groupChildren[size_t(g)].push_back(i);
            }
        }
    }
    std::vector<char> grouped(n, 0);
    for (int g = 0; g < groups.size(); ++g) {
        if (groups[g].name == QLatin1String("all")) {
            continue;
        }
        for (int h : m_groupHosts[size_t(g)]) {
            grouped[size_t(h)] = 1;
        }
    }
    for (size_t i = 0; i < n; ++i) {
        if (!grouped[i]) {
            m_ungrouped.push_back(int(i));
        }
    }
}

std::vector<char> SearchIndex::groupMembers(const QString& lowerNameOrGlob, bool isGlob) const
{
    std::vector<char> members(m_name.size(), 0);
    const std::string pattern = lowerNameOrGlob.toStdString();
    std::vector<char> visited(m_groupName.size(), 0);
    std::vector<int> stack;
    for (size_t g = 0; g < m_groupName.size(); ++g) {
        const bool hit = isGlob ? fnmatch(pattern.c_str(), m_groupName[g].c_str(), 0) == 0 : m_groupName[g] == pattern;
        if (hit) {
            stack.push_back(int(g));
        }
    }
    const bool wantsUngrouped = isGlob ? fnmatch(pattern.c_str(), "ungrouped", 0) == 0 : pattern == "ungrouped";
    if (wantsUngrouped) {
        for (int h : m_ungrouped) {
            members[size_t(h)] = 1;
        }
    }
    while (!stack.empty()) {
        const int g = stack.back();
        stack.pop_back();
        if (visited[size_t(g)]) {
            continue;
        }
        visited[size_t(g)] = 1;
        if (m_groupName[size_t(g)] == "all") {
            std::fill(members.begin(), members.end(), 1);
            return members;
        }
        for (int h : m_groupHosts[size_t(g)]) {
            members[size_t(h)] = 1;
        }
        for (int c : m_groupChildren[size_t(g)]) {
            stack.push_back(c);
        }
    }
    return members;
}
