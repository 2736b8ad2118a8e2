#pragma once

#include <QHash>
#include <QString>
#include <string>
#include <vector>

class Inventory;

// A read-only index of an inventory for the search box: lower-cased UTF-8 text per host and interned attribute
// values, so that a query over 100,000 hosts is a tight loop of byte searches and integer compares. Built once per
// inventory state (Inventory::searchIndex()) and shared by every copy of that state, on any thread.
class SearchIndex {
public:
    explicit SearchIndex(const Inventory& inventory);

    int hostCount() const { return int(m_name.size()); }

    // Attribute value ids: -1 when the value does not occur at all.
    enum Attr { Idc, Business, Env, Status, AttrCount };
    int valueId(Attr attr, const QString& lowerValue) const { return m_values[attr].value(lowerValue, -1); }
    const std::vector<std::string>& values(Attr attr) const { return m_valueText[attr]; }
    int attr(Attr attr, int host) const { return m_attr[attr][size_t(host)]; }

    int tagId(const QString& lowerTag) const { return m_tagIds.value(lowerTag, -1); }
    const std::vector<std::string>& tagTexts() const { return m_tagText; }
    // Tag ids of a host: [tagsBegin, tagsEnd)
    const int* tagsBegin(int host) const { return m_tagIdsFlat.data() + m_tagStart[size_t(host)]; }
    const int* tagsEnd(int host) const { return m_tagIdsFlat.data() + m_tagStart[size_t(host) + 1]; }

    const std::string& name(int host) const { return m_name[size_t(host)]; }
    const std::string& address(int host) const { return m_address[size_t(host)]; } // effective address
    // name, address, IDC, business and tags joined by '\x1f': the haystack of free text.
    const std::string& text(int host) const { return m_text[size_t(host)]; }

    // Per host: member of a group whose name matches (exact lower-case name, or the glob when isGlob), or of any of
    // its descendants. "ungrouped" is understood.
    std::vector<char> groupMembers(const QString& lowerNameOrGlob, bool isGlob) const;

private:
    std::vector<std::string> m_name;
    std::vector<std::string> m_address;
    std::vector<std::string> m_text;
    QHash<QString, int> m_values[AttrCount];
    std::vector<std::string> m_valueText[AttrCount];
    std::vector<int> m_attr[AttrCount];
    QHash<QString, int> m_tagIds;
    std::vector<std::string> m_tagText;
    std::vector<int> m_tagIdsFlat;
    std::vector<int> m_tagStart;
    // Groups: lower-case names, direct host indexes and child group indexes.
    std::vector<std::string> m_groupName;
    std::vector<std::vector<int>> m_groupHosts;
    std::vector<std::vector<int>> m_groupChildren;
    std::vector<int> m_ungrouped;
};
