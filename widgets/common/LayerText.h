#pragma once

#include "inventory/Inventory.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

// The console's words for where a variable's value comes from, when the layer needs more than its name: gathered
// facts say how old they are ("fact, gathered 2 h ago"), translated. Shared by the host panel and the template
// editor's variables list.
class LayerText {
    Q_DECLARE_TR_FUNCTIONS(LayerText)

public:
    static QString fact(const VarLayer& layer, const QDateTime& now = QDateTime::currentDateTimeUtc());
    static QString age(const QDateTime& when, const QDateTime& now);
    // A variable's value on one line (JSON, as ansible-inventory prints it), and its tooltip (YAML); a value
    // encrypted with Ansible Vault is masked ("•••••• vault id prod") and its tooltip says how to reveal it.
    static QString value(const QVariant& v);
    static QString valueToolTip(const QVariant& v);
    // The source of a value (`layer` as the view names it), with "vault" when the value is vault-encrypted.
    static QString source(const QString& layer, const QVariant& v);
};
