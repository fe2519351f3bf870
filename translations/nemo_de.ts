<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ClassPicker</name>
    <message>
        <source>Class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <source>Tick the classes the module should recognise</source>
        <translation>Die Klassen ankreuzen, die das Modul erkennen soll</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>Tick every class</source>
        <translation>Alle Klassen ankreuzen</translation>
    </message>
    <message>
        <source>Clear the selection</source>
        <translation>Auswahl aufheben</translation>
    </message>
    <message>
        <source>Class %1: %2</source>
        <translation>Klasse %1: %2</translation>
    </message>
</context>
<context>
    <name>CompareTab</name>
    <message>
        <source>No study open. Run one with `nemo study --out DIR`, then open DIR with File &gt; Open Study.</source>
        <translation>Keine Studie geöffnet. Starten Sie eine mit `nemo study --out DIR` und öffnen Sie DIR mit Datei &gt; Studie öffnen.</translation>
    </message>
    <message>
        <source>The study&apos;s own summary: paired NeMo-MwT differences with 95% intervals, and each method against the standard model</source>
        <translation>Die Zusammenfassung der Studie: gepaarte Unterschiede NeMo-MwT mit 95-%-Intervallen und jede Methode gegenüber dem Standardmodell</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>Modules</source>
        <translation>Module</translation>
    </message>
    <message>
        <source>Module accuracy</source>
        <translation>Modulgenauigkeit</translation>
    </message>
    <message>
        <source>Parameters kept</source>
        <translation>Behaltene Parameter</translation>
    </message>
    <message>
        <source>Multiply-adds kept</source>
        <translation>Behaltene Multiplikationen</translation>
    </message>
    <message>
        <source>Neurons kept</source>
        <translation>Behaltene Neuronen</translation>
    </message>
    <message>
        <source>Means over seeds and class sets with 95% confidence intervals (Student&apos;s t). The standard model is the whole network</source>
        <translation>Mittelwerte über Seeds und Klassenmengen mit 95-%-Konfidenzintervallen (Student-t). Das Standardmodell ist das ganze Netz</translation>
    </message>
    <message>
        <source>The modules every method cut for the same classes</source>
        <translation>Die Module, die jede Methode für dieselben Klassen herausgeschnitten hat</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>Standard model</source>
        <translation>Standardmodell</translation>
    </message>
    <message>
        <source>One class set</source>
        <translation>Eine Klassenmenge</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>Klassen</translation>
    </message>
    <message>
        <source>The runs trained with this seed</source>
        <translation>Die mit diesem Seed trainierten Läufe</translation>
    </message>
    <message>
        <source>The same layer, side by side</source>
        <translation>Dieselbe Schicht, nebeneinander</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <source>Open a study to compare its runs&apos; masks.</source>
        <translation>Öffnen Sie eine Studie, um die Masken ihrer Läufe zu vergleichen.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Study of %1 on %2&lt;/b&gt;: %3; seeds %4; class sets: %5; training epochs: %6; fine-tuning epochs per module: %7.&lt;br&gt;&lt;i&gt;%8&lt;/i&gt;</source>
        <translation>&lt;b&gt;Studie zu %1 auf %2&lt;/b&gt;: %3; Seeds %4; Klassenmengen: %5; Trainingsepochen: %6; Feinabstimmungsepochen je Modul: %7.&lt;br&gt;&lt;i&gt;%8&lt;/i&gt;</translation>
    </message>
    <message>
        <source>No paired NeMo and MwT modules in this study.</source>
        <translation>Diese Studie hat keine gepaarten NeMo- und MwT-Module.</translation>
    </message>
    <message>
        <source> at %1</source>
        <translation> bei %1</translation>
    </message>
    <message>
        <source>%1 is missing</source>
        <translation>%1 fehlt</translation>
    </message>
    <message>
        <source>No plot (the study was written without cairo)</source>
        <translation>Kein Diagramm (die Studie wurde ohne cairo geschrieben)</translation>
    </message>
    <message>
        <source> · seed %1</source>
        <translation> · Seed %1</translation>
    </message>
    <message>
        <source>This study has no second modular method to compare.</source>
        <translation>Diese Studie hat keine zweite modulare Methode zum Vergleich.</translation>
    </message>
    <message>
        <source>Computing the masks of %1...</source>
        <translation>Masken von %1 werden berechnet...</translation>
    </message>
    <message>
        <source>vs standard (pt)</source>
        <translation>ggü. Standard (Pkt.)</translation>
    </message>
</context>
<context>
    <name>DataTab</name>
    <message>
        <source>Class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>Images in the training split</source>
        <translation>Bilder im Trainingsteil</translation>
    </message>
    <message>
        <source>Images in the test split</source>
        <translation>Bilder im Testteil</translation>
    </message>
    <message>
        <source>Reading %1...</source>
        <translation>%1 wird gelesen...</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; cannot be shown.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; kann nicht angezeigt werden.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: %2 training and %3 test images, %4 x %5 pixels, %6, in %7 classes. The first %8 training images of each class:</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;: %2 Trainings- und %3 Testbilder, %4 x %5 Pixel, %6, in %7 Klassen. Die ersten %8 Trainingsbilder jeder Klasse:</translation>
    </message>
    <message>
        <source>grayscale</source>
        <translation>Graustufen</translation>
    </message>
    <message>
        <source>colour</source>
        <translation>farbig</translation>
    </message>
    <message>
        <source>class %1, %2 images</source>
        <translation>Klasse %1, %2 Bilder</translation>
    </message>
    <message>
        <source>All classes</source>
        <translation>Alle Klassen</translation>
    </message>
    <message>
        <source>%1

Install the dataset, or give the folder that holds its files in the Experiment panel&apos;s Data folder field.</source>
        <translation>%1

Installieren Sie den Datensatz oder geben Sie den Ordner mit seinen Dateien im Feld „Datenordner“ des Experiment-Bereichs an.</translation>
    </message>
</context>
<context>
    <name>EncoderKeptTree</name>
    <message>
        <source>Encoder</source>
        <translation>Encoder</translation>
    </message>
    <message>
        <source>Attention kept</source>
        <translation>Attention</translation>
    </message>
    <message>
        <source>MLP kept</source>
        <translation>MLP</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Anteil</translation>
    </message>
    <message>
        <source>Neurons the module keeps in each encoder: attention (query, key, value and output projections) and MLP (the feed-forward block&apos;s two layers). Open an encoder to see its layers.</source>
        <translation>Neuronen, die das Modul in jedem Encoder behält: Attention (Query-, Key-, Value- und Ausgabeprojektion) und MLP (die zwei Schichten des Feed-Forward-Blocks). Einen Encoder aufklappen, um seine Schichten zu sehen.</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>All encoders</source>
        <translation>Alle Encoder</translation>
    </message>
</context>
<context>
    <name>EncoderNames</name>
    <message>
        <source>Encoder %1</source>
        <translation>Encoder %1</translation>
    </message>
    <message>
        <source>attention query</source>
        <translation>Attention-Query</translation>
    </message>
    <message>
        <source>attention key</source>
        <translation>Attention-Key</translation>
    </message>
    <message>
        <source>attention value</source>
        <translation>Attention-Value</translation>
    </message>
    <message>
        <source>attention output</source>
        <translation>Attention-Ausgabe</translation>
    </message>
    <message>
        <source>MLP hidden</source>
        <translation>MLP verborgen</translation>
    </message>
    <message>
        <source>MLP output</source>
        <translation>MLP-Ausgabe</translation>
    </message>
    <message>
        <source>query</source>
        <translation>Query</translation>
    </message>
    <message>
        <source>key</source>
        <translation>Key</translation>
    </message>
    <message>
        <source>value</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>attn out</source>
        <translation>Attn-Ausg.</translation>
    </message>
    <message>
        <source>MLP out</source>
        <translation>MLP-Ausg.</translation>
    </message>
    <message>
        <source>attention</source>
        <translation>Attention</translation>
    </message>
    <message>
        <source>MLP</source>
        <translation>MLP</translation>
    </message>
    <message>
        <source>Attention neurons: the query projection of encoder %1</source>
        <translation>Attention-Neuronen: die Query-Projektion von Encoder %1</translation>
    </message>
    <message>
        <source>Attention neurons: the key projection of encoder %1</source>
        <translation>Attention-Neuronen: die Key-Projektion von Encoder %1</translation>
    </message>
    <message>
        <source>Attention neurons: the value projection of encoder %1</source>
        <translation>Attention-Neuronen: die Value-Projektion von Encoder %1</translation>
    </message>
    <message>
        <source>Attention neurons: the output projection of encoder %1&apos;s attention</source>
        <translation>Attention-Neuronen: die Ausgabeprojektion der Attention von Encoder %1</translation>
    </message>
    <message>
        <source>MLP neurons: the hidden layer of encoder %1&apos;s feed-forward block</source>
        <translation>MLP-Neuronen: die verborgene Schicht des Feed-Forward-Blocks von Encoder %1</translation>
    </message>
    <message>
        <source>MLP neurons: the output layer of encoder %1&apos;s feed-forward block</source>
        <translation>MLP-Neuronen: die Ausgabeschicht des Feed-Forward-Blocks von Encoder %1</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1: attention %2 of %3, MLP %4 of %5</source>
        <translation>%1: Attention %2 von %3, MLP %4 von %5</translation>
    </message>
</context>
<context>
    <name>ExperimentPanel</name>
    <message>
        <source>Experiment</source>
        <translation>Experiment</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Benutzerdefiniert</translation>
    </message>
    <message>
        <source>Quick demo</source>
        <translation>Schnelle Demo</translation>
    </message>
    <message>
        <source>Transformer demo</source>
        <translation>Transformer-Demo</translation>
    </message>
    <message>
        <source>Quick demo: minivgg on 20,000 Fashion-MNIST images, modules form in about a minute. Transformer demo: vit_tiny on the same images, attention and MLP neurons form modules in a few minutes</source>
        <translation>Schnelle Demo: minivgg auf 20.000 Fashion-MNIST-Bildern, Module entstehen in etwa einer Minute. Transformer-Demo: vit_tiny auf denselben Bildern, Attention- und MLP-Neuronen bilden in wenigen Minuten Module</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>Vorlage</translation>
    </message>
    <message>
        <source>Dataset to train on; Fashion-MNIST ships with Debian</source>
        <translation>Datensatz für das Training; Fashion-MNIST wird mit Debian geliefert</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <source>Architecture: %1 are ours, small enough for a laptop CPU; %2 are the paper&apos;s CNNs and Transformers</source>
        <translation>Architektur: %1 sind unsere, klein genug für eine Laptop-CPU; %2 sind die CNNs und Transformer aus dem Paper</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Mask query, key and value</source>
        <translation>Query, Key und Value maskieren</translation>
    </message>
    <message>
        <source>Transformers: mask generators on the attention&apos;s query, key and value projections too, as in the paper. Off: only the attention output and the MLP are masked (nemo train --unmasked-qkv). CNNs have no attention.</source>
        <translation>Transformer: Maskengeneratoren auch auf der Query-, Key- und Value-Projektion der Attention, wie im Paper. Aus: nur die Attention-Ausgabe und das MLP werden maskiert (nemo train --unmasked-qkv). CNNs haben keine Attention.</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>Attention</translation>
    </message>
    <message>
        <source>none: learn from the labels</source>
        <translation>keiner: aus den Labels lernen</translation>
    </message>
    <message>
        <source>DeiT only (deit_tiny, deit_s): a run folder the engine trained on the same dataset, whose predictions teach the distillation head; the paper uses a standard resnet18. The distillation loss replaces the cross-entropy (docs/method.md §3.5; nemo train --teacher). Empty: no teacher.</source>
        <translation>Nur DeiT (deit_tiny, deit_s): ein Laufordner, den die Engine auf demselben Datensatz trainiert hat und dessen Vorhersagen den Distillations-Kopf anleiten; das Paper verwendet ein Standard-resnet18. Der Distillationsverlust ersetzt die Kreuzentropie (docs/method.md §3.5; nemo train --teacher). Leer: kein Lehrer.</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>Durchsuchen...</translation>
    </message>
    <message>
        <source>Pick the teacher&apos;s run folder</source>
        <translation>Laufordner des Lehrers wählen</translation>
    </message>
    <message>
        <source>Teacher run folder</source>
        <translation>Laufordner des Lehrers</translation>
    </message>
    <message>
        <source>Teacher run</source>
        <translation>Lehrer-Lauf</translation>
    </message>
    <message>
        <source>Distillation alpha: weight of the labels&apos; cross-entropy on the class head; the rest goes to matching the teacher (nemo train --distill-alpha)</source>
        <translation>Distillations-Alpha: Gewicht der Kreuzentropie mit den Labels am Klassen-Kopf; der Rest geht an die Angleichung an den Lehrer (nemo train --distill-alpha)</translation>
    </message>
    <message>
        <source>Distillation temperature: softens the teacher&apos;s and the student&apos;s predictions before they are compared (nemo train --distill-tau)</source>
        <translation>Distillations-Temperatur: glättet die Vorhersagen von Lehrer und Schüler, bevor sie verglichen werden (nemo train --distill-tau)</translation>
    </message>
    <message>
        <source>Distillation</source>
        <translation>Distillation</translation>
    </message>
    <message>
        <source>NeMo (contrastive)</source>
        <translation>NeMo (kontrastiv)</translation>
    </message>
    <message>
        <source>MwT (cohesion/coupling)</source>
        <translation>MwT (Kohäsion/Kopplung)</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>How the masks are trained; Standard trains without masks</source>
        <translation>Wie die Masken trainiert werden; Standard trainiert ohne Masken</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modus</translation>
    </message>
    <message>
        <source>Passes over the training set</source>
        <translation>Durchläufe über die Trainingsdaten</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>Epochen</translation>
    </message>
    <message>
        <source>Images per training step</source>
        <translation>Bilder pro Trainingsschritt</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Batchgröße</translation>
    </message>
    <message>
        <source>Learning rate of the model&apos;s weights</source>
        <translation>Lernrate der Modellgewichte</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>Learning rate of the mask generators</source>
        <translation>Lernrate der Maskengeneratoren</translation>
    </message>
    <message>
        <source>Mask learning rate</source>
        <translation>Masken-Lernrate</translation>
    </message>
    <message>
        <source>Weight of the contrastive (NeMo) or cohesion (MwT) loss. It starts at the value the published code used for the model&apos;s family and method: NeMo 1.3 for CNNs, 1.1 for ResNets, 0.1 for Transformers; MwT 0.5</source>
        <translation>Gewicht des kontrastiven (NeMo) oder Kohäsionsverlusts (MwT). Startwert ist der Wert, den der veröffentlichte Code für Modellfamilie und Methode verwendet hat: NeMo 1,3 für CNNs, 1,1 für ResNets, 0,1 für Transformer; MwT 0,5</translation>
    </message>
    <message>
        <source>Alpha</source>
        <translation>Alpha</translation>
    </message>
    <message>
        <source>Weight of the coupling loss (MwT only)</source>
        <translation>Gewicht des Kopplungsverlusts (nur MwT)</translation>
    </message>
    <message>
        <source>Beta</source>
        <translation>Beta</translation>
    </message>
    <message>
        <source>Temperature of the contrastive loss: lower separates classes more sharply</source>
        <translation>Temperatur des Kontrastverlusts: niedriger trennt die Klassen schärfer</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>Temperatur</translation>
    </message>
    <message>
        <source>Use only the first N training images (0: all)</source>
        <translation>Nur die ersten N Trainingsbilder verwenden (0: alle)</translation>
    </message>
    <message>
        <source>Training images</source>
        <translation>Trainingsbilder</translation>
    </message>
    <message>
        <source>Random seed: the same seed repeats the run exactly</source>
        <translation>Zufallsstartwert: derselbe Wert wiederholt den Lauf exakt</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Startwert</translation>
    </message>
    <message>
        <source>CPU threads (0: every core)</source>
        <translation>CPU-Threads (0: alle Kerne)</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>Threads</translation>
    </message>
    <message>
        <source>Run folder: config, metrics and checkpoints are written here</source>
        <translation>Laufordner: Konfiguration, Metriken und Checkpoints werden hier gespeichert</translation>
    </message>
    <message>
        <source>Run folder</source>
        <translation>Laufordner</translation>
    </message>
    <message>
        <source>The lesson&apos;s %1 &quot;%2&quot; is not offered here.</source>
        <translation>%1 &quot;%2&quot; der Lektion wird hier nicht angeboten.</translation>
    </message>
    <message>
        <source>The lesson&apos;s mode &quot;%1&quot; is not nemo, mwt or standard.</source>
        <translation>Der Modus &quot;%1&quot; der Lektion ist weder nemo noch mwt noch standard.</translation>
    </message>
    <message>
        <source>default location</source>
        <translation>Standardort</translation>
    </message>
    <message>
        <source>Folder the dataset is read from (nemo train --data-dir); empty: its default location (Settings). For &quot;folder&quot;, your own images: DIR/train/&lt;class&gt;/*.png or *.jpg with DIR/test/&lt;class&gt;/..., or DIR/&lt;class&gt;/... split 80/20</source>
        <translation>Ordner, aus dem der Datensatz gelesen wird (nemo train --data-dir); leer: sein Standardort (Einstellungen). Für „folder“ Ihre eigenen Bilder: DIR/train/&lt;Klasse&gt;/*.png oder *.jpg mit DIR/test/&lt;Klasse&gt;/..., oder DIR/&lt;Klasse&gt;/..., 80/20 aufgeteilt</translation>
    </message>
    <message>
        <source>Pick the dataset&apos;s folder</source>
        <translation>Den Ordner des Datensatzes wählen</translation>
    </message>
    <message>
        <source>Dataset folder</source>
        <translation>Ordner des Datensatzes</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Datenordner</translation>
    </message>
</context>
<context>
    <name>Explanations</name>
    <message>
        <source>Each curve is a number the training reports every few steps; the x axis counts epochs (passes over the training images), so 1.5 is halfway through the second.</source>
        <translation>Jede Kurve ist eine Zahl, die das Training alle paar Schritte meldet; die x-Achse zählt Epochen (Durchgänge durch die Trainingsbilder), 1,5 ist also die Mitte der zweiten.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Total loss&lt;/b&gt; = cross-entropy (is the answer right?) + alpha x &lt;b&gt;contrastive&lt;/b&gt; loss (do images of one class use the same neurons, and other classes different ones?). Both falling means the network learns and forms modules at once.</source>
        <translation>&lt;b&gt;Gesamtverlust&lt;/b&gt; = Kreuzentropie (ist die Antwort richtig?) + Alpha x &lt;b&gt;kontrastiver&lt;/b&gt; Verlust (nutzen Bilder einer Klasse dieselben Neuronen und andere Klassen andere?). Fallen beide, lernt das Netz und bildet zugleich Module.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Total loss&lt;/b&gt; = cross-entropy + alpha x &lt;b&gt;cohesion loss&lt;/b&gt; (images of one class should use the same kernels) + beta x &lt;b&gt;coupling loss&lt;/b&gt; (different classes should not).</source>
        <translation>&lt;b&gt;Gesamtverlust&lt;/b&gt; = Kreuzentropie + Alpha x &lt;b&gt;Kohäsionsverlust&lt;/b&gt; (Bilder einer Klasse sollen dieselben Kernel nutzen) + Beta x &lt;b&gt;Kopplungsverlust&lt;/b&gt; (verschiedene Klassen nicht).</translation>
    </message>
    <message>
        <source>Standard training has no masks: only the cross-entropy is minimized, and no modules form. It is the yardstick the modular methods are measured against.</source>
        <translation>Standardtraining hat keine Masken: nur die Kreuzentropie wird minimiert, und es bilden sich keine Module. Es ist der Maßstab, an dem die modularen Methoden gemessen werden.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Neuron retention&lt;/b&gt; is the share of neurons an image switches on. It falls as each class learns to use only its own small set.</source>
        <translation>&lt;b&gt;Neuronenerhaltung&lt;/b&gt; ist der Anteil der Neuronen, die ein Bild einschaltet. Sie fällt, während jede Klasse lernt, nur ihre eigene kleine Menge zu nutzen.</translation>
    </message>
    <message>
        <source>Dashed orange lines mark settings changed during the run. Thick lines are smoothed; the faint ones behind them are the raw values.</source>
        <translation>Gestrichelte orange Linien markieren während des Laufs geänderte Einstellungen. Dicke Linien sind geglättet; die blassen dahinter sind die Rohwerte.</translation>
    </message>
    <message>
        <source>Training curves</source>
        <translation>Trainingskurven</translation>
    </message>
    <message>
        <source>Neurons</source>
        <translation>Neuronen</translation>
    </message>
    <message>
        <source>A standard run has no masks, so there is nothing to show here. Train in NeMo or MwT mode.</source>
        <translation>Ein Standardlauf hat keine Masken, hier gibt es also nichts zu zeigen. Trainieren Sie im NeMo- oder MwT-Modus.</translation>
    </message>
    <message>
        <source>Which class uses which neuron</source>
        <translation>Welche Klasse welches Neuron nutzt</translation>
    </message>
    <message>
        <source>Every &lt;b&gt;row&lt;/b&gt; is a class, every &lt;b&gt;column&lt;/b&gt; a neuron of the chosen layer. The colour is the neuron&apos;s mean mask over that class&apos;s probe images: yellow = on (1), dark purple = off (0).</source>
        <translation>Jede &lt;b&gt;Zeile&lt;/b&gt; ist eine Klasse, jede &lt;b&gt;Spalte&lt;/b&gt; ein Neuron der gewählten Schicht. Die Farbe ist die mittlere Maske des Neurons über die Probebilder der Klasse: Gelb = an (1), Dunkelviolett = aus (0).</translation>
    </message>
    <message>
        <source>With sorting on, the columns are reordered: neurons that one class uses most stand together. Hover to read which neuron a column is. As modules form, the picture turns into a &lt;b&gt;block diagonal&lt;/b&gt;: each class its own block.</source>
        <translation>Mit Sortierung werden die Spalten umgeordnet: Neuronen, die eine Klasse am meisten nutzt, stehen zusammen. Mit der Maus lesen Sie ab, welches Neuron eine Spalte ist. Während Module entstehen, wird das Bild zu einer &lt;b&gt;Blockdiagonale&lt;/b&gt;: jede Klasse ihr eigener Block.</translation>
    </message>
    <message>
        <source>Below: one image&apos;s own masks, every layer a strip, in the same column order. Pick a class and an image to see which neurons that single picture switches on.</source>
        <translation>Unten: die Masken eines einzelnen Bildes, jede Schicht ein Streifen, in derselben Spaltenreihenfolge. Wählen Sie eine Klasse und ein Bild, um zu sehen, welche Neuronen dieses eine Bild einschaltet.</translation>
    </message>
    <message>
        <source>Cutting modules</source>
        <translation>Module herausschneiden</translation>
    </message>
    <message>
        <source>&lt;b&gt;Modularize&lt;/b&gt; runs the trained network over the training images and counts how often each class switches each neuron on. A neuron belongs to a class&apos;s module when that share reaches the &lt;b&gt;threshold&lt;/b&gt;.</source>
        <translation>&lt;b&gt;Modularisieren&lt;/b&gt; lässt das trainierte Netz über die Trainingsbilder laufen und zählt, wie oft jede Klasse jedes Neuron einschaltet. Ein Neuron gehört zum Modul einer Klasse, wenn dieser Anteil den &lt;b&gt;Schwellenwert&lt;/b&gt; erreicht.</translation>
    </message>
    <message>
        <source>Tick classes to see how many neurons their module keeps. The overlap map shows how many neurons two classes&apos; modules share: small numbers mean independent modules.</source>
        <translation>Kreuzen Sie Klassen an, um zu sehen, wie viele Neuronen ihr Modul behält. Die Überlappungskarte zeigt, wie viele Neuronen die Module zweier Klassen teilen: kleine Zahlen bedeuten unabhängige Module.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Quick cut&lt;/b&gt; builds the smaller network in seconds; &lt;b&gt;Extract&lt;/b&gt; also fine-tunes it. Both compare it with the full model on the ticked classes.</source>
        <translation>&lt;b&gt;Schnellschnitt&lt;/b&gt; baut das kleinere Netz in Sekunden; &lt;b&gt;Extrahieren&lt;/b&gt; stimmt es zusätzlich fein ab. Beide vergleichen es auf den angekreuzten Klassen mit dem ganzen Modell.</translation>
    </message>
    <message>
        <source>The data</source>
        <translation>Die Daten</translation>
    </message>
    <message>
        <source>A few images of every class, as the network sees them (before normalization), and how many images each split holds.</source>
        <translation>Einige Bilder jeder Klasse, wie das Netz sie sieht (vor der Normalisierung), und wie viele Bilder jeder Teil enthält.</translation>
    </message>
    <message>
        <source>Comparing methods</source>
        <translation>Methoden vergleichen</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>Everything the engine reported, with the time: dataset sizes, epochs, changed settings, errors.</source>
        <translation>Alles, was die Engine gemeldet hat, mit Uhrzeit: Datensatzgrößen, Epochen, geänderte Einstellungen, Fehler.</translation>
    </message>
    <message>
        <source>A study trains the same model with NeMo, MwT and standard training, cuts modules for the same classes, and compares accuracy, module size and speed. The table gives each method&apos;s means with 95% intervals over seeds and class sets.</source>
        <translation>Eine Studie trainiert dasselbe Modell mit NeMo, MwT und Standardtraining, schneidet Module für dieselben Klassen heraus und vergleicht Genauigkeit, Modulgröße und Geschwindigkeit. Die Tabelle gibt die Mittelwerte jeder Methode mit 95-%-Intervallen über Seeds und Klassenmengen an.</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Netz</translation>
    </message>
    <message>
        <source>A standard run has no masks: no neuron belongs to a class.</source>
        <translation>Ein Standardlauf hat keine Masken: kein Neuron gehört zu einer Klasse.</translation>
    </message>
    <message>
        <source>The network, neuron by neuron</source>
        <translation>Das Netz, Neuron für Neuron</translation>
    </message>
    <message>
        <source>Each column block is a masked layer, from the input on the left to the output on the right; each square is one neuron, coloured by the class that uses it most. Pale squares are used weakly, grey ones by no class.</source>
        <translation>Jeder Block ist eine maskierte Schicht, vom Eingang links bis zum Ausgang rechts; jedes Quadrat ist ein Neuron, gefärbt nach der Klasse, die es am meisten nutzt. Blasse Quadrate werden schwach genutzt, graue von keiner Klasse.</translation>
    </message>
    <message>
        <source>Tick classes in the Modules tab (after Modularize): the neurons their module keeps stay coloured and framed, the rest turn grey. That is the smaller network a module is.</source>
        <translation>Kreuzen Sie im Module-Reiter Klassen an (nach dem Modularisieren): die Neuronen, die ihr Modul behält, bleiben farbig und umrahmt, der Rest wird grau. Das ist das kleinere Netz, das ein Modul ist.</translation>
    </message>
    <message>
        <source>Click a neuron to see how much every class uses it and which probe images switch it on most.</source>
        <translation>Klicken Sie auf ein Neuron, um zu sehen, wie stark jede Klasse es nutzt und welche Probebilder es am stärksten einschalten.</translation>
    </message>
</context>
<context>
    <name>HeatmapView</name>
    <message>
        <source>Masked layer to show</source>
        <translation>Anzuzeigende maskierte Schicht</translation>
    </message>
    <message>
        <source>Sort neurons by the class that uses them most</source>
        <translation>Neuronen nach der Klasse sortieren, die sie am meisten nutzt</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <source>neuron</source>
        <translation>Neuron</translation>
    </message>
    <message>
        <source>class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <source>mean mask</source>
        <translation>mittlere Maske</translation>
    </message>
    <message>
        <source>One image&apos;s masks</source>
        <translation>Masken eines Bildes</translation>
    </message>
    <message>
        <source>%1 (%2 neurons)</source>
        <translation>%1 (%2 Neuronen)</translation>
    </message>
    <message>
        <source>%1: %2 attention and %3 MLP neurons</source>
        <translation>%1: %2 Attention- und %3 MLP-Neuronen</translation>
    </message>
    <message>
        <source>%1 neuron</source>
        <translation>%1-Neuron</translation>
    </message>
    <message>
        <source>Start a training, or open a run, to see its masks.</source>
        <translation>Ein Training starten oder einen Lauf öffnen, um seine Masken zu sehen.</translation>
    </message>
    <message>
        <source>Sort by class</source>
        <translation>Nach Klasse sortieren</translation>
    </message>
    <message>
        <source>Epoch %1, step %2 of %3: mean mask of each class&apos;s probe images</source>
        <translation>Epoche %1, Schritt %2 von %3: mittlere Maske der Probebilder jeder Klasse</translation>
    </message>
    <message>
        <source>After epoch %1: mean mask of each class&apos;s probe images</source>
        <translation>Nach Epoche %1: mittlere Maske der Probebilder jeder Klasse</translation>
    </message>
    <message>
        <source>%1 neurons, sorted by the class that uses them most</source>
        <translation>%1-Neuronen, sortiert nach der Klasse, die sie am meisten nutzt</translation>
    </message>
    <message>
        <source>neurons, sorted by the class that uses them most</source>
        <translation>Neuronen, sortiert nach der Klasse, die sie am meisten nutzt</translation>
    </message>
    <message>
        <source>neuron %1 (column %2)</source>
        <translation>Neuron %1 (Spalte %2)</translation>
    </message>
    <message>
        <source>neuron %1</source>
        <translation>Neuron %1</translation>
    </message>
    <message>
        <source>%1, %2, class %3: %4</source>
        <translation>%1, %2, Klasse %3: %4</translation>
    </message>
    <message>
        <source>Sort neurons by class</source>
        <translation>Neuronen nach Klasse sortieren</translation>
    </message>
    <message>
        <source>Save the shown layer as PNG, SVG or PDF, or every layer&apos;s values as CSV</source>
        <translation>Die gezeigte Schicht als PNG, SVG oder PDF speichern, oder die Werte aller Schichten als CSV</translation>
    </message>
    <message>
        <source>Export the class x neuron heatmap</source>
        <translation>Die Klassen-x-Neuronen-Heatmap exportieren</translation>
    </message>
    <message>
        <source>There are no masks to export yet.</source>
        <translation>Es gibt noch keine Masken zum Exportieren.</translation>
    </message>
</context>
<context>
    <name>Lesson</name>
    <message>
        <source>%1 is not a usable lesson file: %2</source>
        <translation>%1 ist keine verwendbare Lektionsdatei: %2</translation>
    </message>
    <message>
        <source>it is larger than 1 MiB</source>
        <translation>sie ist größer als 1 MiB</translation>
    </message>
    <message>
        <source>invalid JSON at byte %1 (%2)</source>
        <translation>ungültiges JSON bei Byte %1 (%2)</translation>
    </message>
    <message>
        <source>it needs &quot;nemo_lesson&quot;: 1</source>
        <translation>es fehlt &quot;nemo_lesson&quot;: 1</translation>
    </message>
    <message>
        <source>unknown key &quot;%1&quot;</source>
        <translation>unbekannter Schlüssel &quot;%1&quot;</translation>
    </message>
    <message>
        <source>&quot;preset&quot; must be &quot;quick-demo&quot; or &quot;transformer-demo&quot;</source>
        <translation>&quot;preset&quot; muss &quot;quick-demo&quot; oder &quot;transformer-demo&quot; sein</translation>
    </message>
    <message>
        <source>setting &quot;%1&quot; must be a number from %2 to %3</source>
        <translation>Einstellung &quot;%1&quot; muss eine Zahl von %2 bis %3 sein</translation>
    </message>
    <message>
        <source>setting &quot;%1&quot; must be text</source>
        <translation>Einstellung &quot;%1&quot; muss Text sein</translation>
    </message>
    <message>
        <source>unknown setting &quot;%1&quot; (known: %2)</source>
        <translation>unbekannte Einstellung &quot;%1&quot; (bekannt: %2)</translation>
    </message>
    <message>
        <source>&quot;speed_ms&quot; must be 0 to 10000</source>
        <translation>&quot;speed_ms&quot; muss zwischen 0 und 10000 liegen</translation>
    </message>
    <message>
        <source>step %1 has no &quot;text&quot;</source>
        <translation>Schritt %1 hat keinen &quot;text&quot;</translation>
    </message>
    <message>
        <source>step %1: &quot;done_when&quot; must be one of %2</source>
        <translation>Schritt %1: &quot;done_when&quot; muss eines von %2 sein</translation>
    </message>
    <message>
        <source>Modules in ten minutes</source>
        <translation>Module in zehn Minuten</translation>
    </message>
    <message>
        <source>Press &lt;b&gt;Start&lt;/b&gt;. minivgg learns Fashion-MNIST and, at the same time, a mask for every neuron.</source>
        <translation>Drücken Sie &lt;b&gt;Start&lt;/b&gt;. minivgg lernt Fashion-MNIST und zugleich eine Maske für jedes Neuron.</translation>
    </message>
    <message>
        <source>Watch the Neurons tab: rows are classes, columns neurons. Within a minute a &lt;b&gt;block diagonal&lt;/b&gt; forms: each class keeps its own neurons. Try &lt;b&gt;Pause&lt;/b&gt; and &lt;b&gt;Step&lt;/b&gt;, or change &lt;b&gt;Alpha&lt;/b&gt; while it runs.</source>
        <translation>Beobachten Sie den Neuronen-Reiter: Zeilen sind Klassen, Spalten Neuronen. Binnen einer Minute bildet sich eine &lt;b&gt;Blockdiagonale&lt;/b&gt;: jede Klasse behält ihre eigenen Neuronen. Probieren Sie &lt;b&gt;Pause&lt;/b&gt; und &lt;b&gt;Schritt&lt;/b&gt;, oder ändern Sie &lt;b&gt;Alpha&lt;/b&gt; während des Laufs.</translation>
    </message>
    <message>
        <source>Open the Modules tab and press &lt;b&gt;Modularize&lt;/b&gt;: the network runs over the training images once and records which neurons each class uses.</source>
        <translation>Öffnen Sie den Module-Reiter und drücken Sie &lt;b&gt;Modularisieren&lt;/b&gt;: das Netz läuft einmal über die Trainingsbilder und hält fest, welche Neuronen jede Klasse nutzt.</translation>
    </message>
    <message>
        <source>Tick Trouser and Bag and press &lt;b&gt;Quick cut&lt;/b&gt;: a network several times smaller that still tells the two apart.</source>
        <translation>Kreuzen Sie Trouser und Bag an und drücken Sie &lt;b&gt;Schnellschnitt&lt;/b&gt;: ein um ein Mehrfaches kleineres Netz, das die beiden weiterhin unterscheidet.</translation>
    </message>
    <message>
        <source>Compare its accuracy, parameters and speed with the full model in the results below. Which classes share the most neurons? The overlap map tells.</source>
        <translation>Vergleichen Sie in den Ergebnissen unten Genauigkeit, Parameter und Geschwindigkeit mit dem ganzen Modell. Welche Klassen teilen die meisten Neuronen? Die Überlappungskarte verrät es.</translation>
    </message>
    <message>
        <source>&quot;tab&quot; must be 0 to 6</source>
        <translation>&quot;tab&quot; muss zwischen 0 und 6 liegen</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>NeMo Workbench</source>
        <translation>NeMo Workbench</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>Neurons</source>
        <translation>Neuronen</translation>
    </message>
    <message>
        <source>Modules</source>
        <translation>Module</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Start training with these settings (Ctrl+R)</source>
        <translation>Training mit diesen Einstellungen starten (Strg+R)</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Pause or resume between two training steps (Ctrl+P)</source>
        <translation>Zwischen zwei Trainingsschritten pausieren oder fortsetzen (Strg+P)</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <source>Stop; the checkpoint of the last finished epoch is kept (Ctrl+.)</source>
        <translation>Anhalten; der Checkpoint der letzten abgeschlossenen Epoche bleibt erhalten (Strg+.)</translation>
    </message>
    <message>
        <source>%p%</source>
        <translation>%p %</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>Run folder to compare</source>
        <translation>Laufordner zum Vergleichen</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Open Run...</source>
        <translation>Lauf ö&amp;ffnen...</translation>
    </message>
    <message>
        <source>Open a run folder</source>
        <translation>Laufordner öffnen</translation>
    </message>
    <message>
        <source>Show a run&apos;s curves; a run still being written is followed live</source>
        <translation>Die Kurven eines Laufs anzeigen; ein noch laufender Lauf wird live verfolgt</translation>
    </message>
    <message>
        <source>Recent Runs</source>
        <translation>Zuletzt geöffnete Läufe</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Preferences...</source>
        <translation>&amp;Einstellungen...</translation>
    </message>
    <message>
        <source>Training is running</source>
        <translation>Training läuft</translation>
    </message>
    <message>
        <source>Stop the current training before opening another run.</source>
        <translation>Halten Sie das laufende Training an, bevor Sie einen anderen Lauf öffnen.</translation>
    </message>
    <message>
        <source>Module work is running</source>
        <translation>Modularbeit läuft</translation>
    </message>
    <message>
        <source>Wait for the module work in the Modules tab to finish, or stop it, before opening another run.</source>
        <translation>Warten Sie, bis die Arbeit im Reiter „Module“ fertig ist, oder halten Sie sie an, bevor Sie einen anderen Lauf öffnen.</translation>
    </message>
    <message>
        <source>Cannot open run</source>
        <translation>Lauf kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Showing %1 (new lines appear as the run writes them)</source>
        <translation>Zeige %1 (neue Zeilen erscheinen, sobald der Lauf sie schreibt)</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>%1 geöffnet</translation>
    </message>
    <message>
        <source>Cannot compare run</source>
        <translation>Lauf kann nicht verglichen werden</translation>
    </message>
    <message>
        <source>%1 has no curves to draw.</source>
        <translation>%1 enthält keine Kurven zum Zeichnen.</translation>
    </message>
    <message>
        <source>Comparing with %1</source>
        <translation>Vergleich mit %1</translation>
    </message>
    <message>
        <source>Wait for the module work in the Modules tab to finish, or stop it, before training.</source>
        <translation>Warten Sie, bis die Arbeit im Reiter „Module“ fertig ist, oder halten Sie sie an, bevor Sie trainieren.</translation>
    </message>
    <message>
        <source>Continue run?</source>
        <translation>Lauf fortsetzen?</translation>
    </message>
    <message>
        <source>%1 already holds a run. Continue it from its last checkpoint?</source>
        <translation>%1 enthält bereits einen Lauf. Ab dem letzten Checkpoint fortsetzen?</translation>
    </message>
    <message>
        <source>Training %1 on %2 (%3) into %4</source>
        <translation>Trainiere %1 auf %2 (%3) nach %4</translation>
    </message>
    <message>
        <source>Resumed</source>
        <translation>Fortgesetzt</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Stopping after the current step...</source>
        <translation>Halte nach dem aktuellen Schritt an...</translation>
    </message>
    <message>
        <source>Epoch %1/%2, step %3/%4</source>
        <translation>Epoche %1/%2, Schritt %3/%4</translation>
    </message>
    <message>
        <source>, about %1 s left</source>
        <translation>, noch etwa %1 s</translation>
    </message>
    <message>
        <source>Epoch %1: test accuracy %2, neuron retention %3</source>
        <translation>Epoche %1: Testgenauigkeit %2, Neuronen-Erhaltungsrate %3</translation>
    </message>
    <message>
        <source>Stopped; the last finished epoch is saved</source>
        <translation>Angehalten; die letzte abgeschlossene Epoche ist gespeichert</translation>
    </message>
    <message>
        <source>Done: test accuracy %1, neuron retention %2</source>
        <translation>Fertig: Testgenauigkeit %1, Neuronen-Erhaltungsrate %2</translation>
    </message>
    <message>
        <source>Training failed</source>
        <translation>Training fehlgeschlagen</translation>
    </message>
    <message>
        <source>Stop training?</source>
        <translation>Training anhalten?</translation>
    </message>
    <message>
        <source>Training is still running. Stop it and close? The last finished epoch is kept and the run can be continued later.</source>
        <translation>Das Training läuft noch. Anhalten und schließen? Die letzte abgeschlossene Epoche bleibt erhalten und der Lauf kann später fortgesetzt werden.</translation>
    </message>
    <message>
        <source>Stop module work?</source>
        <translation>Modularbeit anhalten?</translation>
    </message>
    <message>
        <source>The Modules tab is still working. Stop it and close? An extraction in progress is discarded; modularizing finishes its pass first.</source>
        <translation>Der Reiter „Module“ arbeitet noch. Anhalten und schließen? Eine laufende Extraktion wird verworfen; die Modularisierung beendet zuerst ihren Durchlauf.</translation>
    </message>
    <message>
        <source>Neurons tab: masks of the checkpoint after epoch %1</source>
        <translation>Reiter Neuronen: Masken des Checkpoints nach Epoche %1</translation>
    </message>
    <message>
        <source>No masks for the Neurons tab: %1</source>
        <translation>Keine Masken für den Reiter Neuronen: %1</translation>
    </message>
    <message>
        <source>This run was trained in standard mode: it has no masks.</source>
        <translation>Dieser Lauf wurde im Standardmodus trainiert: er hat keine Masken.</translation>
    </message>
    <message>
        <source>Computing the masks of the run&apos;s newest checkpoint...</source>
        <translation>Masken des neuesten Checkpoints des Laufs werden berechnet...</translation>
    </message>
    <message>
        <source>No checkpoint yet: open the run again after its first epoch to see its masks.</source>
        <translation>Noch kein Checkpoint: den Lauf nach seiner ersten Epoche erneut öffnen, um seine Masken zu sehen.</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Vergleich</translation>
    </message>
    <message>
        <source>Open &amp;Study...</source>
        <translation>&amp;Studie öffnen...</translation>
    </message>
    <message>
        <source>Open a study folder (written by nemo study)</source>
        <translation>Einen Studienordner öffnen (von nemo study geschrieben)</translation>
    </message>
    <message>
        <source>Show a study&apos;s report in the Compare tab: NeMo against MwT and the standard model</source>
        <translation>Den Bericht einer Studie im Reiter „Vergleich“ zeigen: NeMo gegen MwT und das Standardmodell</translation>
    </message>
    <message>
        <source>Cannot open study</source>
        <translation>Studie kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Showing the study in %1</source>
        <translation>Zeige die Studie in %1</translation>
    </message>
    <message>
        <source>Opened study %1</source>
        <translation>Studie %1 geöffnet</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Pause and run exactly one training step (one batch); the curves and the Neurons tab show its effect at once (F10)</source>
        <translation>Anhalten und genau einen Trainingsschritt (einen Batch) ausführen; die Kurven und der Neuronen-Reiter zeigen seine Wirkung sofort (F10)</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>Neu starten</translation>
    </message>
    <message>
        <source>Stop this training and start the same settings from scratch in a new run folder</source>
        <translation>Dieses Training anhalten und dieselben Einstellungen in einem neuen Laufordner von vorn beginnen</translation>
    </message>
    <message>
        <source>Full speed</source>
        <translation>Volle Geschwindigkeit</translation>
    </message>
    <message>
        <source>Slow (0.1 s per step)</source>
        <translation>Langsam (0,1 s je Schritt)</translation>
    </message>
    <message>
        <source>Slower (0.3 s per step)</source>
        <translation>Langsamer (0,3 s je Schritt)</translation>
    </message>
    <message>
        <source>Very slow (1 s per step)</source>
        <translation>Sehr langsam (1 s je Schritt)</translation>
    </message>
    <message>
        <source>Pace of the training: slower gives time to watch the masks change</source>
        <translation>Tempo des Trainings: langsamer lässt Zeit, den Masken beim Verändern zuzusehen</translation>
    </message>
    <message>
        <source>What you see</source>
        <translation>Was Sie sehen</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Presenter Mode</source>
        <translation>&amp;Präsentationsmodus</translation>
    </message>
    <message>
        <source>Full screen, the experiment panel hidden and larger text, for a lecture (F11)</source>
        <translation>Vollbild, Experiment-Bereich ausgeblendet und größere Schrift, für eine Vorlesung (F11)</translation>
    </message>
    <message>
        <source>&amp;What You See</source>
        <translation>&amp;Was Sie sehen</translation>
    </message>
    <message>
        <source>Larger Text</source>
        <translation>Größere Schrift</translation>
    </message>
    <message>
        <source>Smaller Text</source>
        <translation>Kleinere Schrift</translation>
    </message>
    <message>
        <source>Normal Text Size</source>
        <translation>Normale Schriftgröße</translation>
    </message>
    <message>
        <source>Open &amp;Lesson...</source>
        <translation>&amp;Lektion öffnen...</translation>
    </message>
    <message>
        <source>Open a lesson file</source>
        <translation>Eine Lektionsdatei öffnen</translation>
    </message>
    <message>
        <source>Lesson (*.json)</source>
        <translation>Lektion (*.json)</translation>
    </message>
    <message>
        <source>Cannot open lesson</source>
        <translation>Lektion kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>A lesson file holds a lecture&apos;s settings and the steps the class follows</source>
        <translation>Eine Lektionsdatei enthält die Einstellungen einer Vorlesung und die Schritte, denen die Gruppe folgt</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Guided Lesson: Quick Demo</source>
        <translation>&amp;Geführte Lektion: schnelle Demo</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>Lektion</translation>
    </message>
    <message>
        <source>Train, watch modules form, modularize, cut a module and compare, step by step</source>
        <translation>Trainieren, Module entstehen sehen, modularisieren, ein Modul herausschneiden und vergleichen, Schritt für Schritt</translation>
    </message>
    <message>
        <source>This run trains in standard mode: it has no masks.</source>
        <translation>Dieser Lauf trainiert im Standardmodus: er hat keine Masken.</translation>
    </message>
    <message>
        <source>The masks appear after the first training steps.</source>
        <translation>Die Masken erscheinen nach den ersten Trainingsschritten.</translation>
    </message>
    <message>
        <source>Paused: Step (F10) runs one batch, Resume goes on</source>
        <translation>Angehalten: Schritt (F10) führt einen Batch aus, Fortsetzen macht weiter</translation>
    </message>
    <message>
        <source>Restarting after the current step...</source>
        <translation>Neustart nach dem aktuellen Schritt...</translation>
    </message>
    <message>
        <source>%1 %2 takes effect at the next training step%3</source>
        <translation>%1 %2 wirkt ab dem nächsten Trainingsschritt%3</translation>
    </message>
    <message>
        <source> (the run is paused)</source>
        <translation> (der Lauf ist angehalten)</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>Nächster Schritt</translation>
    </message>
    <message>
        <source>Lesson done.</source>
        <translation>Lektion abgeschlossen.</translation>
    </message>
    <message>
        <source>End lesson</source>
        <translation>Lektion beenden</translation>
    </message>
    <message>
        <source>Lesson %1 opened from %2</source>
        <translation>Lektion %1 aus %2 geöffnet</translation>
    </message>
    <message>
        <source>Stop the current training before starting a lesson.</source>
        <translation>Halten Sie das laufende Training an, bevor Sie eine Lektion beginnen.</translation>
    </message>
    <message>
        <source>Presenter mode: F11 leaves it, Ctrl+= and Ctrl+- change the text size</source>
        <translation>Präsentationsmodus: F11 beendet ihn, Strg+= und Strg+- ändern die Schriftgröße</translation>
    </message>
    <message>
        <source>, about %1 min left</source>
        <translation>, noch etwa %1 min</translation>
    </message>
    <message>
        <source>Restarting with the same settings in a new run folder</source>
        <translation>Neustart mit denselben Einstellungen in einem neuen Laufordner</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Netz</translation>
    </message>
</context>
<context>
    <name>MetricsPlot</name>
    <message>
        <source>total loss</source>
        <translation>Gesamtverlust</translation>
    </message>
    <message>
        <source>cross-entropy</source>
        <translation>Kreuzentropie</translation>
    </message>
    <message>
        <source>contrastive</source>
        <translation>Kontrastverlust</translation>
    </message>
    <message>
        <source>cohesion loss</source>
        <translation>Kohäsionsverlust</translation>
    </message>
    <message>
        <source>coupling loss</source>
        <translation>Kopplungsverlust</translation>
    </message>
    <message>
        <source>test loss</source>
        <translation>Testverlust</translation>
    </message>
    <message>
        <source>train accuracy</source>
        <translation>Trainingsgenauigkeit</translation>
    </message>
    <message>
        <source>neuron retention</source>
        <translation>Neuronen-Erhaltungsrate</translation>
    </message>
    <message>
        <source>test accuracy</source>
        <translation>Testgenauigkeit</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>mask learning rate</source>
        <translation>Masken-Lernrate</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>Epoche</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>accuracy / retention</source>
        <translation>Genauigkeit / Erhaltung</translation>
    </message>
    <message>
        <source>Wheel: zoom. Drag: pan. Double-click: show everything and follow new points.</source>
        <translation>Mausrad: zoomen. Ziehen: verschieben. Doppelklick: alles zeigen und neuen Punkten folgen.</translation>
    </message>
    <message>
        <source>Exponential moving average of the training curves, as in TensorBoard; the raw curve stays faint behind it. 0: no smoothing.</source>
        <translation>Exponentiell gleitender Mittelwert der Trainingskurven wie in TensorBoard; die Rohkurve bleibt blass dahinter sichtbar. 0: keine Glättung.</translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation>Log-Skala</translation>
    </message>
    <message>
        <source>Logarithmic y axis for the losses</source>
        <translation>Logarithmische y-Achse für die Verluste</translation>
    </message>
    <message>
        <source>Compare run...</source>
        <translation>Lauf vergleichen...</translation>
    </message>
    <message>
        <source>Add another run folder&apos;s curves to these plots</source>
        <translation>Die Kurven eines weiteren Laufordners in diese Diagramme einfügen</translation>
    </message>
    <message>
        <source>Remove compared</source>
        <translation>Vergleiche entfernen</translation>
    </message>
    <message>
        <source>Remove the runs added for comparison</source>
        <translation>Die zum Vergleich hinzugefügten Läufe entfernen</translation>
    </message>
    <message>
        <source>Export...</source>
        <translation>Exportieren...</translation>
    </message>
    <message>
        <source>Save the plots as PNG, PDF or SVG, or every point as CSV</source>
        <translation>Diagramme als PNG, PDF oder SVG oder alle Punkte als CSV speichern</translation>
    </message>
    <message>
        <source>Smoothing</source>
        <translation>Glättung</translation>
    </message>
    <message>
        <source>Hover over a plot to read the values at that point.</source>
        <translation>Mit der Maus über ein Diagramm fahren, um die Werte an dieser Stelle abzulesen.</translation>
    </message>
    <message>
        <source>epoch %1</source>
        <translation>Epoche %1</translation>
    </message>
    <message>
        <source>, step %1</source>
        <translation>, Schritt %1</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG-Bild (*.png)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF-Dokument (*.pdf)</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG-Grafik (*.svg)</translation>
    </message>
    <message>
        <source>CSV table, every point (*.csv)</source>
        <translation>CSV-Tabelle, alle Punkte (*.csv)</translation>
    </message>
    <message>
        <source>Export training curves</source>
        <translation>Trainingskurven exportieren</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>distillation</source>
        <translation>Distillationsverlust</translation>
    </message>
    <message>
        <source>Training curves: %1</source>
        <translation>Trainingskurven: %1</translation>
    </message>
    <message>
        <source> vs </source>
        <translation> gegen </translation>
    </message>
</context>
<context>
    <name>ModelChoices</name>
    <message>
        <source>The paper&apos;s SimCNN</source>
        <translation>SimCNN aus dem Paper</translation>
    </message>
    <message>
        <source>The paper&apos;s ResCNN</source>
        <translation>ResCNN aus dem Paper</translation>
    </message>
    <message>
        <source>The paper&apos;s VGG16 with batch norm</source>
        <translation>VGG16 mit Batch-Normalisierung aus dem Paper</translation>
    </message>
    <message>
        <source>The paper&apos;s ResNet18</source>
        <translation>ResNet18 aus dem Paper</translation>
    </message>
    <message>
        <source>Ours: a Vision Transformer with 4 encoders, 64 wide, on 7x7 patches of 28x28 images; learns Fashion-MNIST in minutes on one core. Trains without random crops and flips, which would move content across patches</source>
        <translation>Unseres: ein Vision Transformer mit 4 Encodern der Breite 64 auf 7x7-Patches von 28x28-Bildern; lernt Fashion-MNIST in Minuten auf einem Kern. Trainiert ohne zufälliges Zuschneiden und Spiegeln, die Bildinhalt über Patch-Grenzen verschieben würden</translation>
    </message>
    <message>
        <source>The paper&apos;s ViT-Small (12 encoders, 384 wide)</source>
        <translation>ViT-Small aus dem Paper (12 Encoder, Breite 384)</translation>
    </message>
    <message>
        <source>The paper&apos;s DeiT-Small (ViT-Small with a distillation token)</source>
        <translation>DeiT-Small aus dem Paper (ViT-Small mit Distillations-Token)</translation>
    </message>
    <message>
        <source>Ours: vit_tiny with DeiT&apos;s distillation token and second head. Trains without random crops and flips, like vit_tiny; learns from a teacher run when one is given (Teacher run)</source>
        <translation>Unseres: vit_tiny mit dem Distillations-Token und zweiten Kopf von DeiT. Trainiert wie vit_tiny ohne zufälliges Zuschneiden und Spiegeln; lernt von einem Lehrer-Lauf, wenn einer angegeben ist (Lehrer-Lauf)</translation>
    </message>
    <message>
        <source>Ours: VGG16&apos;s shape in small, for 28x28 images; its first masked layer is 8% of its neurons, as in the paper&apos;s CNNs, so modules keep little they all share. An epoch of Fashion-MNIST takes about a minute on one core</source>
        <translation>Unseres: die Form von VGG16 im Kleinen, für 28x28-Bilder; seine erste maskierte Schicht hat 8 % seiner Neuronen, wie bei den CNNs der Veröffentlichung, sodass Module wenig Gemeinsames behalten. Eine Epoche Fashion-MNIST dauert auf einem Kern etwa eine Minute</translation>
    </message>
    <message>
        <source>Ours: a smaller CNN for 28x28 images; its first masked layer is a quarter of its neurons, and every module keeps it. An epoch of Fashion-MNIST takes under a minute on one core</source>
        <translation>Unseres: ein kleineres CNN für 28x28-Bilder; seine erste maskierte Schicht hat ein Viertel seiner Neuronen, und jedes Modul behält sie. Eine Epoche Fashion-MNIST dauert auf einem Kern unter einer Minute</translation>
    </message>
</context>
<context>
    <name>ModularData</name>
    <message>
        <source>Cannot read the module in %1: %2</source>
        <translation>Das Modul in %1 kann nicht gelesen werden: %2</translation>
    </message>
</context>
<context>
    <name>ModuleExport</name>
    <message>
        <source>%1 is missing from %2. Extract the module again.</source>
        <translation>%1 fehlt in %2. Extrahieren Sie das Modul erneut.</translation>
    </message>
    <message>
        <source>%1 already exists and is not an empty folder. Choose a new folder name.</source>
        <translation>%1 existiert bereits und ist kein leerer Ordner. Wählen Sie einen neuen Ordnernamen.</translation>
    </message>
    <message>
        <source>The module is already in %1.</source>
        <translation>Das Modul liegt bereits in %1.</translation>
    </message>
    <message>
        <source>Cannot create %1. Check that you may write there.</source>
        <translation>%1 kann nicht angelegt werden. Prüfen Sie, ob Sie dort schreiben dürfen.</translation>
    </message>
    <message>
        <source>Cannot create a folder in %1. Check that you may write there.</source>
        <translation>In %1 kann kein Ordner angelegt werden. Prüfen Sie, ob Sie dort schreiben dürfen.</translation>
    </message>
    <message>
        <source>Copying %1 to %2 failed (%3). Check the free disk space and that you may write there.</source>
        <translation>Kopieren von %1 nach %2 fehlgeschlagen (%3). Prüfen Sie den freien Speicherplatz und ob Sie dort schreiben dürfen.</translation>
    </message>
    <message>
        <source>Cannot rename the copied module to %1. Check that you may write there.</source>
        <translation>Das kopierte Modul kann nicht in %1 umbenannt werden. Prüfen Sie, ob Sie dort schreiben dürfen.</translation>
    </message>
</context>
<context>
    <name>ModuleResults</name>
    <message>
        <source>Sub-task</source>
        <translation>Teilaufgabe</translation>
    </message>
    <message>
        <source>Module</source>
        <translation>Modul</translation>
    </message>
    <message>
        <source>Full model</source>
        <translation>Ganzes Modell</translation>
    </message>
    <message>
        <source>Module / full</source>
        <translation>Modul / ganz</translation>
    </message>
    <message>
        <source>The full model is scored on the same classes, its logits restricted to them</source>
        <translation>Das ganze Modell wird auf denselben Klassen bewertet, seine Logits auf sie beschränkt</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <source>Neurons kept</source>
        <translation>Behalten</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Anteil</translation>
    </message>
    <message>
        <source>Neurons of each masked layer that the module keeps</source>
        <translation>Neuronen jeder maskierten Schicht, die das Modul behält</translation>
    </message>
    <message>
        <source>No module yet: pick classes and press Extract.</source>
        <translation>Noch kein Modul: Klassen wählen und „Extrahieren“ drücken.</translation>
    </message>
    <message>
        <source>Accuracy on the sub-task</source>
        <translation>Genauigkeit (Teilaufgabe)</translation>
    </message>
    <message>
        <source> points</source>
        <translation> Punkte</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>FLOPs (multiply-adds per image)</source>
        <translation>FLOPs (Mult.-Add. pro Bild)</translation>
    </message>
    <message>
        <source>Latency, batch 1</source>
        <translation>Latenz, Batch 1</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Latency, batch 128</source>
        <translation>Latenz, Batch 128</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>All masked layers</source>
        <translation>Alle maskierten Schichten</translation>
    </message>
    <message>
        <source>Accuracy vs the standard model</source>
        <translation>Genauigkeit gegenüber dem Standardmodell</translation>
    </message>
    <message>
        <source>Save these results as PNG or SVG, or their numbers as CSV</source>
        <translation>Diese Ergebnisse als PNG oder SVG speichern, oder ihre Zahlen als CSV</translation>
    </message>
    <message>
        <source>Export the module&apos;s results</source>
        <translation>Die Ergebnisse des Moduls exportieren</translation>
    </message>
    <message>
        <source>There is no module to export yet. Extract one first.</source>
        <translation>Es gibt noch kein Modul zum Exportieren. Extrahieren Sie zuerst eines.</translation>
    </message>
    <message>
        <source>module for %1</source>
        <translation>Modul für %1</translation>
    </message>
</context>
<context>
    <name>ModulesTab</name>
    <message>
        <source>A neuron joins a class&apos;s module when it is active for at least this share of the class&apos;s training images. Lower keeps more neurons.</source>
        <translation>Ein Neuron gehört zum Modul einer Klasse, wenn es bei mindestens diesem Anteil ihrer Trainingsbilder aktiv ist. Ein niedrigerer Schwellenwert behält mehr Neuronen.</translation>
    </message>
    <message>
        <source>Modularize</source>
        <translation>Modularisieren</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>Schwellenwert</translation>
    </message>
    <message>
        <source>Fine-tune epoch %1 of %2: validation accuracy %3</source>
        <translation>Feinabstimmung Epoche %1 von %2: Validierungsgenauigkeit %3</translation>
    </message>
    <message>
        <source>Modularized at threshold %1</source>
        <translation>Modularisiert bei Schwellenwert %1</translation>
    </message>
    <message>
        <source>Extraction stopped; no module was saved.</source>
        <translation>Extraktion angehalten; es wurde kein Modul gespeichert.</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Module work failed</source>
        <translation>Modularbeit fehlgeschlagen</translation>
    </message>
    <message>
        <source>%1

Fix the cause above and try again; the run itself is unchanged.</source>
        <translation>%1

Beheben Sie die oben genannte Ursache und versuchen Sie es erneut; der Lauf selbst ist unverändert.</translation>
    </message>
    <message>
        <source>Classes and their modules</source>
        <translation>Klassen und ihre Module</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <source>Retention</source>
        <translation>Erhaltung</translation>
    </message>
    <message>
        <source>Cohesion</source>
        <translation>Kohäsion</translation>
    </message>
    <message>
        <source>Training images of the class</source>
        <translation>Trainingsbilder der Klasse</translation>
    </message>
    <message>
        <source>Share of all masked neurons in the class&apos;s module, at the threshold shown</source>
        <translation>Anteil aller maskierten Neuronen im Modul der Klasse beim angezeigten Schwellenwert</translation>
    </message>
    <message>
        <source>Mean Jaccard similarity of the class&apos;s sample masks inside its module: 1 means every image uses the same neurons</source>
        <translation>Mittlere Jaccard-Ähnlichkeit der Bildmasken der Klasse innerhalb ihres Moduls: 1 heißt, jedes Bild nutzt dieselben Neuronen</translation>
    </message>
    <message>
        <source>Module overlap</source>
        <translation>Modulüberlappung</translation>
    </message>
    <message>
        <source>Module for the ticked classes vs the full model</source>
        <translation>Modul für die angekreuzten Klassen gegen das ganze Modell</translation>
    </message>
    <message>
        <source>Epochs of fine-tuning the cut-out module on its classes; the best epoch on a validation split is kept (0: no fine-tuning)</source>
        <translation>Epochen der Feinabstimmung des herausgeschnittenen Moduls auf seinen Klassen; die beste Epoche auf einem Validierungsteil wird behalten (0: keine Feinabstimmung)</translation>
    </message>
    <message>
        <source>Extract</source>
        <translation>Extrahieren</translation>
    </message>
    <message>
        <source>Cut out a smaller network that keeps only these classes&apos; neurons, fine-tune it and compare it with the full model</source>
        <translation>Ein kleineres Netz herausschneiden, das nur die Neuronen dieser Klassen behält, es feinabstimmen und mit dem ganzen Modell vergleichen</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <source>Save as...</source>
        <translation>Speichern unter...</translation>
    </message>
    <message>
        <source>Copy the module (TorchScript module.pt, module.safetensors, module.json) to a new folder</source>
        <translation>Das Modul (TorchScript module.pt, module.safetensors, module.json) in einen neuen Ordner kopieren</translation>
    </message>
    <message>
        <source>Fine-tune epochs</source>
        <translation>Feinabstimmungs-Epochen</translation>
    </message>
    <message>
        <source>No run yet: train one (Start) or open one (File &gt; Open Run) to cut modules out of it.</source>
        <translation>Noch kein Lauf: trainieren Sie einen (Start) oder öffnen Sie einen (Datei &gt; Lauf öffnen), um Module herauszuschneiden.</translation>
    </message>
    <message>
        <source>No module yet.</source>
        <translation>Noch kein Modul.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: no checkpoint yet. Train at least one epoch, then modularize.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;: noch kein Checkpoint. Trainieren Sie mindestens eine Epoche und modularisieren Sie dann.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; (%2 on %3) has no modules yet. &lt;b&gt;Modularize&lt;/b&gt; runs the trained model over the training images once and records which neurons each class uses.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; (%2 auf %3) hat noch keine Module. &lt;b&gt;Modularisieren&lt;/b&gt; lässt das trainierte Modell einmal über die Trainingsbilder laufen und hält fest, welche Neuronen jede Klasse nutzt.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; (%2 on %3)</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; (%2 auf %3)</translation>
    </message>
    <message>
        <source>Mean retention %1, coupling %2</source>
        <translation>Mittlere Erhaltung %1, Kopplung %2</translation>
    </message>
    <message>
        <source>Retention: share of neurons in a class&apos;s module, averaged over classes. Coupling: mean Jaccard overlap of two classes&apos; modules; lower means more independent modules.</source>
        <translation>Erhaltung: Anteil der Neuronen im Modul einer Klasse, gemittelt über die Klassen. Kopplung: mittlere Jaccard-Überlappung der Module zweier Klassen; niedriger heißt unabhängigere Module.</translation>
    </message>
    <message>
        <source>Not measured at this threshold: press Modularize to measure it</source>
        <translation>Bei diesem Schwellenwert nicht gemessen: „Modularisieren“ drücken, um ihn zu messen</translation>
    </message>
    <message>
        <source>Cohesion as measured by modularize at %1.</source>
        <translation>Kohäsion, wie von der Modularisierung bei %1 gemessen.</translation>
    </message>
    <message>
        <source>Cohesion needs the per-image masks, so it is known only where modularize ran (%1). Retention and overlap are previewed; press Modularize to measure cohesion at %2.</source>
        <translation>Die Kohäsion braucht die Masken jedes Bildes und ist daher nur dort bekannt, wo modularisiert wurde (%1). Erhaltung und Überlappung sind eine Vorschau; drücken Sie „Modularisieren“, um die Kohäsion bei %2 zu messen.</translation>
    </message>
    <message>
        <source>nowhere yet</source>
        <translation>noch nirgends</translation>
    </message>
    <message>
        <source>Tick the classes the module should recognise.</source>
        <translation>Kreuzen Sie die Klassen an, die das Modul erkennen soll.</translation>
    </message>
    <message numerus="yes">
        <source>%n class(es) ticked.</source>
        <translation>
            <numerusform>%n Klasse angekreuzt.</numerusform>
            <numerusform>%n Klassen angekreuzt.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2/%3</source>
        <translation>%1: %2/%3</translation>
    </message>
    <message numerus="yes">
        <source>A module for these %n class(es) keeps %1 of %2 neurons (%3): %4</source>
        <translation>
            <numerusform>Ein Modul für diese %n Klasse behält %1 von %2 Neuronen (%3): %4</numerusform>
            <numerusform>Ein Modul für diese %n Klassen behält %1 von %2 Neuronen (%3): %4</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved module %1, extracted %2.</source>
        <translation>Gespeichertes Modul %1, extrahiert am %2.</translation>
    </message>
    <message>
        <source>No module yet: tick classes and press Extract.</source>
        <translation>Noch kein Modul: Klassen ankreuzen und „Extrahieren“ drücken.</translation>
    </message>
    <message>
        <source>No module for these classes yet: press Extract.</source>
        <translation>Noch kein Modul für diese Klassen: „Extrahieren“ drücken.</translation>
    </message>
    <message>
        <source>Modularize at %1</source>
        <translation>Bei %1 modularisieren</translation>
    </message>
    <message>
        <source>Wait until training ends</source>
        <translation>Warten Sie, bis das Training endet</translation>
    </message>
    <message>
        <source>Run the trained model over the training images and write module masks, retention, cohesion and coupling for this threshold to RUN/modular</source>
        <translation>Das trainierte Modell über die Trainingsbilder laufen lassen und Modulmasken, Erhaltung, Kohäsion und Kopplung für diesen Schwellenwert nach RUN/modular schreiben</translation>
    </message>
    <message>
        <source>Modularizing at threshold %1...</source>
        <translation>Modularisiere bei Schwellenwert %1...</translation>
    </message>
    <message>
        <source>No classes ticked</source>
        <translation>Keine Klassen angekreuzt</translation>
    </message>
    <message>
        <source>Tick at least one class in the list to extract a module for it.</source>
        <translation>Kreuzen Sie mindestens eine Klasse in der Liste an, um ein Modul dafür zu extrahieren.</translation>
    </message>
    <message>
        <source>Replace module?</source>
        <translation>Modul ersetzen?</translation>
    </message>
    <message>
        <source>%1 already holds a module for these classes. Extract again and replace it?</source>
        <translation>%1 enthält bereits ein Modul für diese Klassen. Erneut extrahieren und ersetzen?</translation>
    </message>
    <message numerus="yes">
        <source>Preparing the module for %n class(es)...</source>
        <translation>
            <numerusform>Bereite das Modul für %n Klasse vor...</numerusform>
            <numerusform>Bereite das Modul für %n Klassen vor...</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopping after the current step...</source>
        <translation>Halte nach dem aktuellen Schritt an...</translation>
    </message>
    <message>
        <source>Module for %1, extracted in %2 s (threshold %3, best fine-tune epoch %4), saved in %5.</source>
        <translation>Modul für %1, extrahiert in %2 s (Schwellenwert %3, beste Feinabstimmungs-Epoche %4), gespeichert in %5.</translation>
    </message>
    <message>
        <source>Done: module accuracy %1 (full model %2)</source>
        <translation>Fertig: Modulgenauigkeit %1 (ganzes Modell %2)</translation>
    </message>
    <message>
        <source>There is no module to save yet. Extract one first.</source>
        <translation>Es gibt noch kein Modul zum Speichern. Extrahieren Sie zuerst eines.</translation>
    </message>
    <message>
        <source>Save module as a new folder</source>
        <translation>Modul als neuen Ordner speichern</translation>
    </message>
    <message>
        <source>Cannot save the module</source>
        <translation>Das Modul kann nicht gespeichert werden</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>Gespeichert in %1</translation>
    </message>
    <message>
        <source>No sample images: %1</source>
        <translation>Keine Beispielbilder: %1</translation>
    </message>
    <message>
        <source>Modularization stopped; nothing was written.</source>
        <translation>Modularisierung angehalten; nichts wurde geschrieben.</translation>
    </message>
    <message>
        <source>Stop modularizing or extracting after the current step; a stopped job writes nothing</source>
        <translation>Modularisieren oder Extrahieren nach dem aktuellen Schritt anhalten; ein angehaltener Auftrag schreibt nichts</translation>
    </message>
    <message>
        <source>A standard model of the same dataset to compare the module with on the same classes, as the paper does (nemo extract --baseline). Standard runs beside this run and recent runs are offered; Browse adds another</source>
        <translation>Ein Standardmodell desselben Datensatzes, mit dem das Modul auf denselben Klassen verglichen wird, wie in der Veröffentlichung (nemo extract --baseline). Angeboten werden Standardläufe neben diesem Lauf und zuletzt geöffnete Läufe; Durchsuchen fügt einen weiteren hinzu</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>Durchsuchen...</translation>
    </message>
    <message>
        <source>Pick a standard run folder as the baseline</source>
        <translation>Einen Standardlauf-Ordner als Vergleich wählen</translation>
    </message>
    <message>
        <source>Standard run folder</source>
        <translation>Ordner des Standardlaufs</translation>
    </message>
    <message>
        <source>Compare with</source>
        <translation>Vergleichen mit</translation>
    </message>
    <message>
        <source>No standard model</source>
        <translation>Kein Standardmodell</translation>
    </message>
    <message>
        <source>Done: module accuracy %1 (full model %2, standard model %3)</source>
        <translation>Fertig: Modulgenauigkeit %1 (ganzes Modell %2, Standardmodell %3)</translation>
    </message>
    <message>
        <source>, about %1 s left</source>
        <translation>, noch etwa %1 s</translation>
    </message>
    <message>
        <source>Quick cut</source>
        <translation>Schnellschnitt</translation>
    </message>
    <message>
        <source>Cut the module out and measure it without fine-tuning: seconds instead of minutes. Its accuracy shows what the masks alone keep; Extract fine-tunes for the epochs set here</source>
        <translation>Das Modul ohne Feinabstimmung herausschneiden und messen: Sekunden statt Minuten. Seine Genauigkeit zeigt, was die Masken allein bewahren; Extrahieren stimmt für die hier eingestellten Epochen fein ab</translation>
    </message>
    <message>
        <source>Training into &lt;b&gt;%1&lt;/b&gt;. Once training has ended (stopped or done) after at least one epoch, modularize it here.</source>
        <translation>Training nach &lt;b&gt;%1&lt;/b&gt;. Sobald das Training nach mindestens einer Epoche beendet ist (angehalten oder fertig), hier modularisieren.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; was trained in standard mode, without masks: it has no modules to cut out. It can serve as the standard model to compare modules of NeMo or MwT runs with.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; wurde im Standardmodus ohne Masken trainiert: er hat keine Module zum Herausschneiden. Er kann als Standardmodell dienen, mit dem Module von NeMo- oder MwT-Läufen verglichen werden.</translation>
    </message>
    <message>
        <source>A standard run has no masks to modularize</source>
        <translation>Ein Standardlauf hat keine Masken zum Modularisieren</translation>
    </message>
    <message numerus="yes">
        <source>Cutting the module for %n class(es), without fine-tuning...</source>
        <translation>
            <numerusform>Schneide das Modul für %n Klasse ohne Feinabstimmung heraus...</numerusform>
            <numerusform>Schneide das Modul für %n Klassen ohne Feinabstimmung heraus...</numerusform>
        </translation>
    </message>
    <message>
        <source>Framed: the neurons the module for %1 keeps at threshold %2.</source>
        <translation>Umrahmt: die Neuronen, die das Modul für %1 bei Schwellenwert %2 behält.</translation>
    </message>
</context>
<context>
    <name>NetworkView</name>
    <message>
        <source>Start a training, or open a run, to see its network.</source>
        <translation>Ein Training starten oder einen Lauf öffnen, um sein Netz zu sehen.</translation>
    </message>
    <message>
        <source>Click a neuron to see which classes use it and the probe images that switch it on most.</source>
        <translation>Klicken Sie auf ein Neuron, um zu sehen, welche Klassen es nutzen und welche Probebilder es am stärksten einschalten.</translation>
    </message>
    <message>
        <source>No masks in this frame.</source>
        <translation>Dieser Frame enthält keine Masken.</translation>
    </message>
    <message>
        <source>Each square is a neuron, coloured by the class that uses it most (paler: used less; grey: used by none). Layers from input (left) to output (right); epoch %1.</source>
        <translation>Jedes Quadrat ist ein Neuron, gefärbt nach der Klasse, die es am meisten nutzt (blasser: weniger genutzt; grau: von keiner genutzt). Schichten vom Eingang (links) zum Ausgang (rechts); Epoche %1.</translation>
    </message>
    <message>
        <source>%1, neuron %2</source>
        <translation>%1, Neuron %2</translation>
    </message>
    <message>
        <source>Mean mask of each class&apos;s probe images:</source>
        <translation>Mittlere Maske der Probebilder jeder Klasse:</translation>
    </message>
    <message>
        <source>No probe image switches it on.</source>
        <translation>Kein Probebild schaltet es ein.</translation>
    </message>
    <message>
        <source>Probe images that switch it on most:</source>
        <translation>Probebilder, die es am stärksten einschalten:</translation>
    </message>
    <message>
        <source>%1: mask %2</source>
        <translation>%1: Maske %2</translation>
    </message>
    <message>
        <source>Save the drawing as PNG or SVG, or every neuron as CSV</source>
        <translation>Die Zeichnung als PNG oder SVG speichern, oder jedes Neuron als CSV</translation>
    </message>
    <message>
        <source>Export the network</source>
        <translation>Das Netz exportieren</translation>
    </message>
    <message>
        <source>There is no network to export yet.</source>
        <translation>Es gibt noch kein Netz zum Exportieren.</translation>
    </message>
    <message>
        <source>Neurons by class, epoch %1</source>
        <translation>Neuronen nach Klasse, Epoche %1</translation>
    </message>
</context>
<context>
    <name>OverlapView</name>
    <message>
        <source>Jaccard overlap</source>
        <translation>Jaccard-Überlappung</translation>
    </message>
    <message>
        <source>Hover a cell to read the overlap of two class modules</source>
        <translation>Mit der Maus über eine Zelle fahren, um die Überlappung zweier Klassenmodule abzulesen</translation>
    </message>
    <message>
        <source>%1 and %2: no overlap defined (both modules are empty)</source>
        <translation>%1 und %2: keine Überlappung definiert (beide Module sind leer)</translation>
    </message>
    <message>
        <source>%1 and %2: Jaccard overlap %3 of their modules&apos; neurons</source>
        <translation>%1 und %2: Jaccard-Überlappung %3 der Neuronen ihrer Module</translation>
    </message>
    <message>
        <source>Save the overlap map as PNG, SVG or PDF, or as CSV</source>
        <translation>Die Überlappungskarte als PNG, SVG oder PDF speichern, oder als CSV</translation>
    </message>
    <message>
        <source>Export the module overlap</source>
        <translation>Die Modulüberlappung exportieren</translation>
    </message>
    <message>
        <source>There is no overlap to export yet: modularize the run first.</source>
        <translation>Es gibt noch keine Überlappung zum Exportieren: modularisieren Sie den Lauf zuerst.</translation>
    </message>
    <message>
        <source>Module overlap (Jaccard)</source>
        <translation>Modulüberlappung (Jaccard)</translation>
    </message>
</context>
<context>
    <name>PlotExport</name>
    <message>
        <source>There is nothing to export yet.</source>
        <translation>Es gibt noch nichts zu exportieren.</translation>
    </message>
    <message>
        <source>NeMo Workbench training curves</source>
        <translation>NeMo-Workbench-Trainingskurven</translation>
    </message>
    <message>
        <source>Unknown file type &quot;%1&quot;: use .png, .pdf or .svg.</source>
        <translation>Unbekannter Dateityp „%1“: verwenden Sie .png, .pdf oder .svg.</translation>
    </message>
    <message>
        <source>Unknown file type &quot;%1&quot;: use .png or .svg.</source>
        <translation>Unbekannter Dateityp „%1“: verwenden Sie .png oder .svg.</translation>
    </message>
    <message>
        <source>Could not write %1 (%2). Check that the folder exists and is writable.</source>
        <translation>%1 konnte nicht geschrieben werden (%2). Prüfen Sie, ob der Ordner existiert und beschreibbar ist.</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG-Bild (*.png)</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG-Zeichnung (*.svg)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF-Dokument (*.pdf)</translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation>CSV-Tabelle (*.csv)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>Export...</source>
        <translation>Exportieren...</translation>
    </message>
</context>
<context>
    <name>RunFollower</name>
    <message>
        <source>%1 is not a run folder: it has no config.json.</source>
        <translation>%1 ist kein Laufordner: er enthält keine config.json.</translation>
    </message>
</context>
<context>
    <name>RunMetrics</name>
    <message>
        <source>%1 holds no training metrics (metrics.jsonl is missing). Choose a folder written by a training run.</source>
        <translation>%1 enthält keine Trainingsmetriken (metrics.jsonl fehlt). Wählen Sie einen Ordner, den ein Trainingslauf geschrieben hat.</translation>
    </message>
    <message>
        <source>%1 has no metrics yet. Compare it once it has trained for a few steps.</source>
        <translation>%1 hat noch keine Metriken. Vergleichen Sie ihn, sobald er einige Schritte trainiert hat.</translation>
    </message>
</context>
<context>
    <name>RunSummary</name>
    <message>
        <source>%1 holds no readable run (%2). Open a folder written by a training run.</source>
        <translation>%1 enthält keinen lesbaren Lauf (%2). Öffnen Sie einen Ordner, den ein Training geschrieben hat.</translation>
    </message>
</context>
<context>
    <name>SampleGallery</name>
    <message>
        <source>%1, sample %2</source>
        <translation>%1, Bild %2</translation>
    </message>
</context>
<context>
    <name>SampleMaskView</name>
    <message>
        <source>Class of the probe image to show</source>
        <translation>Klasse des anzuzeigenden Probebilds</translation>
    </message>
    <message>
        <source>Which of the class&apos;s probe images</source>
        <translation>Welches der Probebilder der Klasse</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Bild</translation>
    </message>
    <message>
        <source>neuron</source>
        <translation>Neuron</translation>
    </message>
    <message>
        <source>mask</source>
        <translation>Maske</translation>
    </message>
    <message>
        <source> of %1</source>
        <translation> von %1</translation>
    </message>
    <message>
        <source>No per-image masks in this frame.</source>
        <translation>Dieser Frame enthält keine Masken einzelner Bilder.</translation>
    </message>
    <message>
        <source>%1: %2 of %3 neurons active</source>
        <translation>%1: %2 von %3 Neuronen aktiv</translation>
    </message>
    <message>
        <source>%1, neuron %2: mask %3</source>
        <translation>%1, Neuron %2: Maske %3</translation>
    </message>
    <message>
        <source>%1 neurons</source>
        <translation>%1-Neuronen</translation>
    </message>
    <message>
        <source>%1: attention %2/%3, MLP %4/%5 active</source>
        <translation>%1: Attention %2/%3, MLP %4/%5 aktiv</translation>
    </message>
    <message>
        <source>%1, image %2 of %3</source>
        <translation>%1, Bild %2 von %3</translation>
    </message>
    <message>
        <source>neurons, in the heatmap&apos;s order</source>
        <translation>Neuronen, in der Reihenfolge der Heatmap</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <source>Language of the workbench; takes effect at the next start</source>
        <translation>Sprache der Workbench; wirkt ab dem nächsten Start</translation>
    </message>
    <message>
        <source>A new language takes effect when the workbench is started again.</source>
        <translation>Eine neue Sprache wirkt, sobald die Workbench neu gestartet wird.</translation>
    </message>
    <message>
        <source>built-in places</source>
        <translation>eingebaute Orte</translation>
    </message>
    <message>
        <source>Folder with one sub-folder per dataset (e.g. DATA/cifar10), as NEMO_DATA_DIR on the command line; empty: Debian&apos;s Fashion-MNIST package and the environment</source>
        <translation>Ordner mit einem Unterordner pro Datensatz (z. B. DATA/cifar10), wie NEMO_DATA_DIR auf der Kommandozeile; leer: Debians Fashion-MNIST-Paket und die Umgebung</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>Durchsuchen...</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Datenordner</translation>
    </message>
    <message>
        <source>every core (%1)</source>
        <translation>alle Kerne (%1)</translation>
    </message>
    <message>
        <source>CPU threads a new training uses unless the Experiment panel says otherwise</source>
        <translation>CPU-Threads für ein neues Training, sofern der Experiment-Bereich nichts anderes angibt</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Default threads</source>
        <translation>Standard-Threads</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Modularize neural networks while they train</source>
        <translation>Neuronale Netze modularisieren, während sie trainieren</translation>
    </message>
    <message>
        <source>Start the Quick demo at once</source>
        <translation>Die schnelle Demo sofort starten</translation>
    </message>
    <message>
        <source>Save a PNG of the window after N seconds and quit</source>
        <translation>Nach N Sekunden ein PNG des Fensters speichern und beenden</translation>
    </message>
    <message>
        <source>Seconds before --screenshot</source>
        <translation>Sekunden vor --screenshot</translation>
    </message>
    <message>
        <source>Interface language (en, zh_CN, de); default: the one chosen in Preferences, else the system&apos;s</source>
        <translation>Sprache der Oberfläche (en, zh_CN, de); Standard: die in den Einstellungen gewählte, sonst die des Systems</translation>
    </message>
    <message>
        <source>Start the Transformer demo (vit_tiny) at once</source>
        <translation>Die Transformer-Demo (vit_tiny) sofort starten</translation>
    </message>
    <message>
        <source>A run folder to open (followed while it grows), or a study folder</source>
        <translation>Ein zu öffnender Laufordner (wird verfolgt, solange er wächst) oder ein Studienordner</translation>
    </message>
    <message>
        <source>Start in presenter mode (full screen, larger text)</source>
        <translation>Im Präsentationsmodus starten (Vollbild, größere Schrift)</translation>
    </message>
    <message>
        <source>Cannot open lesson</source>
        <translation>Lektion kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Tab to show first (0: Training, 1: Neurons, 2: Network, 3: Modules, 4: Data, 5: Compare, 6: Log)</source>
        <translation>Zuerst gezeigter Reiter (0: Training, 1: Neuronen, 2: Netz, 3: Module, 4: Daten, 5: Vergleich, 6: Protokoll)</translation>
    </message>
</context>
</TS>
