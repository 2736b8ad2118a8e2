#pragma once

#include <QJsonObject>
#include <QWidget>

// An open item of a library page (a script, a template) in its tab: what LibraryPage needs to title it, ask about
// unsaved changes and keep its drafts.
class LibraryTab : public QWidget {
    Q_OBJECT
public:
    using QWidget::QWidget;

    virtual bool isModified() const = 0;
    // Never saved (the stored id is 0).
    virtual bool isNew() const = 0;
    virtual QString title() const = 0;
    virtual qint64 storedId() const = 0;
    virtual QString storedName() const = 0;
    virtual int storedVersion() const = 0;
    // The edited state as JSON, kept as a draft until it is saved or discarded.
    virtual QJsonObject draftJson() const = 0;

signals:
    void modifiedChanged(bool modified);
    void titleChanged();
};
