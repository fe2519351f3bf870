// The shipped translations: the embedded .qm files load and translate known strings, and the
// .ts files are complete (no unfinished or empty entries, the same placeholders as the source).
#include <QRegularExpression>
#include <QTranslator>
#include <QXmlStreamReader>
#include <QtTest>

namespace {

QStringList placeholders(const QString& text) {
    QStringList found;
    auto it = QRegularExpression("%(\\d+|n)").globalMatch(text);
    while (it.hasNext()) found << it.next().captured(0);
    found.sort();
    return found;
}

}  // namespace

class TestTranslations : public QObject {
    Q_OBJECT
  private slots:
    void embeddedCatalogsTranslate_data() {
        QTest::addColumn<QString>("locale");
        QTest::addColumn<QString>("context");
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("expected");
        QTest::newRow("de tab") << "de"
                                << "MainWindow"
                                << "Neurons"
                                << "Neuronen";
        QTest::newRow("de loss") << "de"
                                 << "MetricsPlot"
                                 << "total loss"
                                 << "Gesamtverlust";
        QTest::newRow("de threshold") << "de"
                                      << "ModulesTab"
                                      << "Threshold"
                                      << "Schwellenwert";
        QTest::newRow("zh tab") << "zh_CN"
                                << "MainWindow"
                                << "Modules" << QString::fromUtf8("模块");
        QTest::newRow("zh accuracy") << "zh_CN"
                                     << "MetricsPlot"
                                     << "test accuracy" << QString::fromUtf8("测试准确率");
        QTest::newRow("zh threshold") << "zh_CN"
                                      << "ModulesTab"
                                      << "Threshold" << QString::fromUtf8("阈值");
    }
    void embeddedCatalogsTranslate() {
        QFETCH(QString, locale);
        QFETCH(QString, context);
        QFETCH(QString, source);
        QFETCH(QString, expected);
        QTranslator translator;
        QVERIFY2(translator.load(QLocale(locale), "nemo", "_", ":/i18n"),
                 qPrintable("no :/i18n/nemo_" + locale + ".qm embedded"));
        QCOMPARE(translator.translate(context.toUtf8(), source.toUtf8()), expected);
    }

    void pluralsFollowTheCount() {
        QTranslator translator;
        QVERIFY(translator.load(QLocale("de"), "nemo", "_", ":/i18n"));
        QCOMPARE(translator.translate("ModulesTab", "%n class(es) ticked.", nullptr, 1),
                 QString("%n Klasse angekreuzt."));
        QCOMPARE(translator.translate("ModulesTab", "%n class(es) ticked.", nullptr, 3),
                 QString("%n Klassen angekreuzt."));
        // English ships its plural forms only.
        QTranslator english;
        QVERIFY(english.load(":/i18n/nemo_en.qm"));
        QCOMPARE(english.translate("ModulesTab", "%n class(es) ticked.", nullptr, 1),
                 QString("%n class ticked."));
        QCOMPARE(english.translate("ModulesTab", "%n class(es) ticked.", nullptr, 2),
                 QString("%n classes ticked."));
    }

    void tsFilesAreComplete_data() {
        QTest::addColumn<QString>("file");
        QTest::newRow("zh_CN") << "nemo_zh_CN.ts";
        QTest::newRow("de") << "nemo_de.ts";
        QTest::newRow("en plurals") << "nemo_en.ts";
    }
    void tsFilesAreComplete() {
        QFETCH(QString, file);
        QFile ts(QString(NEMO_SOURCE_DIR) + "/translations/" + file);
        QVERIFY(ts.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&ts);
        int messages = 0;
        QString source;
        QStringList problems;
        while (!xml.atEnd()) {
            xml.readNext();
            if (!xml.isStartElement()) continue;
            if (xml.name() == u"message") ++messages;
            if (xml.name() == u"source") source = xml.readElementText();
            if (xml.name() != u"translation") continue;
            const QString type = xml.attributes().value("type").toString();
            if (type == "unfinished" || type == "vanished" || type == "obsolete")
                problems << type + ": " + source;
            // Plural entries hold <numerusform> children; read their text one by one.
            QStringList forms;
            QString text;
            while (!(xml.isEndElement() && xml.name() == u"translation") && !xml.atEnd()) {
                xml.readNext();
                if (xml.isCharacters()) text += xml.text();
                if (xml.isStartElement() && xml.name() == u"numerusform")
                    forms << xml.readElementText();
            }
            if (forms.isEmpty()) forms << text.trimmed();
            for (const QString& t : forms) {
                if (t.trimmed().isEmpty())
                    problems << "empty: " + source;
                else if (placeholders(t) != placeholders(source))
                    problems << "placeholders: " + source + " -> " + t;
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(messages >= (file == "nemo_en.ts" ? 3 : 250));
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join('\n')));
    }
};

QTEST_MAIN(TestTranslations)
#include "test_translations.moc"
