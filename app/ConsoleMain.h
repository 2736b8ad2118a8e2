#pragma once

#include <QCoreApplication>

class QApplication;

// The console's start, above Startup: the options and the workspace (Startup), then the main window with what
// the options ask of it (first page, search, screenshot). Startup knows nothing of the window, so the dependency
// runs one way: ConsoleMain → MainWindow → Startup.
class ConsoleMain {
    Q_DECLARE_TR_FUNCTIONS(ConsoleMain)
public:
    // Returns the exit code for main().
    static int run(QApplication& app);
};
