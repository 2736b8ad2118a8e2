#include "TemplatePreview.h"

#include "inventory/Inventory.h"
#include "jinja/Template.h"

#include <QElapsedTimer>

namespace TemplatePreview {

QVariantMap hostContext(const Inventory& inventory, const QString& host)
{
    QVariantMap context = inventory.resolveVars(host);
    context.insert(QStringLiteral("inventory_hostname"), host);
    context.insert(QStringLiteral("inventory_hostname_short"), host.section(QLatin1Char('.'), 0, 0));
    QStringList groups = inventory.hostGroupsAll(host);
    groups.removeAll(QStringLiteral("all"));
    groups.removeAll(QStringLiteral("ungrouped"));
    groups.sort();
    QVariantList names;
    for (const QString& g : std::as_const(groups)) {
        names.append(g);
    }
    context.insert(QStringLiteral("group_names"), names);
    return context;
}

QStringList magicVariableNames()
{
    return { QStringLiteral("inventory_hostname"), QStringLiteral("inventory_hostname_short"),
        QStringLiteral("group_names") };
}

Outcome render(const QString& source, const QString& name, const Jinja::Options& options, const QVariantMap& context)
{
    QElapsedTimer timer;
    timer.start();
    Outcome outcome;
    const Result<Jinja::Template> parsed = Jinja::Template::parse(source, name, options);
    if (!parsed) {
        outcome.error = parsed.error();
        outcome.elapsedMicroseconds = timer.nsecsElapsed() / 1000;
        return outcome;
    }
    QStringList names;
    const Result<QString> text = parsed->render(context, &names);
    if (text) {
        outcome.ok = true;
        outcome.output = *text;
    } else {
        outcome.error = text.error();
    }
    if (!text && options.undefined == Jinja::UndefinedMode::Strict && !names.isEmpty()) {
        Jinja::Options chainable = options;
        chainable.undefined = Jinja::UndefinedMode::Chainable;
        if (auto again = Jinja::Template::parse(source, name, chainable)) {
            QStringList more;
            (void)again->render(context, &more);
            names += more;
        }
    }
    names.removeDuplicates();
    names.sort();
    outcome.undefinedNames = names;
    outcome.elapsedMicroseconds = timer.nsecsElapsed() / 1000;
    return outcome;
}

std::optional<QVariant> valueAt(const QVariantMap& context, const QString& path)
{
    QVariant value = context;
    for (const QString& part : path.split(QLatin1Char('.'))) {
        if (value.typeId() != QMetaType::QVariantMap) {
            return std::nullopt;
        }
        const QVariantMap map = value.toMap();
        const auto it = map.constFind(part);
        if (it == map.constEnd()) {
            return std::nullopt;
        }
        value = *it;
    }
    return value;
}

} // namespace TemplatePreview
