// The template editor's preview latency, as the author feels it: from a keystroke in the editor to the preview
// showing the new output (30 ms pause included), for the demo nginx template and a 200-line template, over the demo
// inventory, offscreen. Also the render alone (TemplatePreview::render: parse + render + undefined names), which is
// what decides whether the GUI thread may do it. Prints BENCH lines (median of RUNS keystrokes).
//   QT_QPA_PLATFORM=offscreen bench_template_preview [RUNS]
#include "ScriptEditor.h"
#include "Theme.h"
#include "demo/DemoInventory.h"
#include "templates/TemplateEditorTab.h"
#include "templates/TemplatePreview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QKeyEvent>
#include <QTimer>
#include <algorithm>
#include <cstdio>

namespace {

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

QString bigTemplate()
{
    // 200 lines of the kinds of constructs config templates use.
    QString t = QStringLiteral("# {{ inventory_hostname }}\n");
    for (int i = 0; i < 40; ++i) {
        t += QStringLiteral("[section_%1]\nname = {{ inventory_hostname }}-%1\nidc = {{ idc | default('none') }}\n"
                            "{% for s in ntp_servers %}\nserver_%1 = {{ s }}\n{% endfor %}\n")
                 .arg(i);
    }
    return t;
}

// Median milliseconds from typing one character at the end of the template to previewUpdated.
double keystrokeToPreview(TemplateEditorTab& tab, int runs)
{
    std::vector<double> ms;
    for (int r = 0; r < runs; ++r) {
        ScriptEditor* editor = tab.editor();
        const int last = editor->lines() - 1;
        editor->setCursorPosition(last, int(editor->text(last).size()));
        QEventLoop loop;
        QObject::connect(&tab, &TemplateEditorTab::previewUpdated, &loop, &QEventLoop::quit);
        QTimer::singleShot(5000, &loop, &QEventLoop::quit);
        QElapsedTimer timer;
        timer.start();
        QKeyEvent press(QEvent::KeyPress, Qt::Key_A, Qt::NoModifier, QStringLiteral("a"));
        QApplication::sendEvent(editor, &press);
        loop.exec();
        ms.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    return median(ms);
}

double renderOnly(const QString& source, const QVariantMap& context, int runs)
{
    std::vector<double> ms;
    for (int r = 0; r < runs; ++r) {
        QElapsedTimer timer;
        timer.start();
        const auto out = TemplatePreview::render(source, QStringLiteral("t"), {}, context);
        ms.push_back(double(timer.nsecsElapsed()) / 1e6);
        if (!out.ok) {
            std::fprintf(stderr, "render failed: %s\n", qPrintable(out.error.toString()));
            std::exit(1);
        }
    }
    return median(ms);
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    Theme::instance()->apply();
    const int runs = argc > 1 ? std::max(3, QString::fromLocal8Bit(argv[1]).toInt()) : 21;
    const Inventory inventory = DemoInventory::make();
    const QString host = QStringLiteral("web-js-02");
    const QVariantMap context = TemplatePreview::hostContext(inventory, host);

    const QString nginx
        = QStringLiteral("user www-data;\nworker_processes {{ nginx_worker_processes }};\n"
                         "error_log /var/log/nginx/error.log {{ log_level }};\nhttp {\n"
                         "    resolver {{ region.dns | join(' ') }};\n    server {\n"
                         "        listen {{ http_port }};\n        server_name {{ inventory_hostname }};\n"
                         "    }\n}\n# ");
    std::printf("BENCH template_preview.render_nginx %.3f ms\n", renderOnly(nginx, context, runs));
    std::printf("BENCH template_preview.render_200_lines %.3f ms\n", renderOnly(bigTemplate(), context, runs));

    for (const auto& [name, source] :
        { std::pair { QStringLiteral("nginx"), nginx }, std::pair { QStringLiteral("200_lines"), bigTemplate() } }) {
        ConfigTemplate t;
        t.name = QStringLiteral("bench");
        t.destination = QStringLiteral("/etc/bench.conf");
        t.content = source;
        TemplateEditorTab tab(t, &inventory);
        tab.resize(1400, 800);
        tab.show();
        tab.setHost(host);
        tab.renderNow();
        std::printf("BENCH template_preview.keystroke_to_preview_%s %.1f ms\n", qPrintable(name),
            keystrokeToPreview(tab, runs));
    }
    std::printf("# target: keystroke to preview < 50 ms (of which 30 ms is the pause that lets typing settle)\n");
    return 0;
}
