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
};
