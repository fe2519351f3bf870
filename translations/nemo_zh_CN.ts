<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ClassPicker</name>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Tick the classes the module should recognise</source>
        <translation>勾选模块应识别的类别</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全选</translation>
    </message>
    <message>
        <source>None</source>
        <translation>全不选</translation>
    </message>
    <message>
        <source>Tick every class</source>
        <translation>勾选所有类别</translation>
    </message>
    <message>
        <source>Clear the selection</source>
        <translation>清除选择</translation>
    </message>
    <message>
        <source>Class %1: %2</source>
        <translation>类别 %1：%2</translation>
    </message>
</context>
<context>
    <name>CompareTab</name>
    <message>
        <source>No study open. Run one with `nemo study --out DIR`, then open DIR with File &gt; Open Study.</source>
        <translation>尚未打开研究。用 `nemo study --out DIR` 运行一项研究，然后通过“文件 &gt; 打开研究”打开 DIR。</translation>
    </message>
    <message>
        <source>The study&apos;s own summary: paired NeMo-MwT differences with 95% intervals, and each method against the standard model</source>
        <translation>研究自身的总结：NeMo 与 MwT 的配对差异及 95% 区间，以及各方法与标准模型的对比</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Modules</source>
        <translation>模块</translation>
    </message>
    <message>
        <source>Module accuracy</source>
        <translation>模块准确率</translation>
    </message>
    <message>
        <source>Parameters kept</source>
        <translation>保留的参数</translation>
    </message>
    <message>
        <source>Multiply-adds kept</source>
        <translation>保留的乘加运算</translation>
    </message>
    <message>
        <source>Neurons kept</source>
        <translation>保留的神经元</translation>
    </message>
    <message>
        <source>Means over seeds and class sets with 95% confidence intervals (Student&apos;s t). The standard model is the whole network</source>
        <translation>对随机种子和类别集合取平均，并给出 95% 置信区间（Student t）。标准模型即完整网络</translation>
    </message>
    <message>
        <source>The modules every method cut for the same classes</source>
        <translation>各方法为相同类别切出的模块</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Standard model</source>
        <translation>标准模型</translation>
    </message>
    <message>
        <source>One class set</source>
        <translation>单个类别集合</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>The runs trained with this seed</source>
        <translation>用此随机种子训练的运行</translation>
    </message>
    <message>
        <source>The same layer, side by side</source>
        <translation>同一层并排对比</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Open a study to compare its runs&apos; masks.</source>
        <translation>打开一项研究以比较其运行的掩码。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Study of %1 on %2&lt;/b&gt;: %3; seeds %4; class sets: %5; training epochs: %6; fine-tuning epochs per module: %7.&lt;br&gt;&lt;i&gt;%8&lt;/i&gt;</source>
        <translation>&lt;b&gt;%1 在 %2 上的研究&lt;/b&gt;：%3；随机种子 %4；类别集合：%5；训练轮数：%6；每个模块的微调轮数：%7。&lt;br&gt;&lt;i&gt;%8&lt;/i&gt;</translation>
    </message>
    <message>
        <source>No paired NeMo and MwT modules in this study.</source>
        <translation>本研究中没有配对的 NeMo 和 MwT 模块。</translation>
    </message>
    <message>
        <source> at %1</source>
        <translation>（阈值 %1）</translation>
    </message>
    <message>
        <source>%1 is missing</source>
        <translation>缺少 %1</translation>
    </message>
    <message>
        <source>No plot (the study was written without cairo)</source>
        <translation>无图（该研究在没有 cairo 的情况下写出）</translation>
    </message>
    <message>
        <source> · seed %1</source>
        <translation> · 种子 %1</translation>
    </message>
    <message>
        <source>This study has no second modular method to compare.</source>
        <translation>本研究没有可比较的第二种模块化方法。</translation>
    </message>
    <message>
        <source>Computing the masks of %1...</source>
        <translation>正在计算 %1 的掩码...</translation>
    </message>
    <message>
        <source>vs standard (pt)</source>
        <translation>相对标准模型（百分点）</translation>
    </message>
</context>
<context>
    <name>DataTab</name>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>Images in the training split</source>
        <translation>训练集中的图像数</translation>
    </message>
    <message>
        <source>Images in the test split</source>
        <translation>测试集中的图像数</translation>
    </message>
    <message>
        <source>Reading %1...</source>
        <translation>正在读取 %1……</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; cannot be shown.</source>
        <translation>无法显示 &lt;b&gt;%1&lt;/b&gt;。</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: %2 training and %3 test images, %4 x %5 pixels, %6, in %7 classes. The first %8 training images of each class:</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;：%2 张训练图像和 %3 张测试图像，%4 x %5 像素，%6，共 %7 个类别。每个类别的前 %8 张训练图像：</translation>
    </message>
    <message>
        <source>grayscale</source>
        <translation>灰度</translation>
    </message>
    <message>
        <source>colour</source>
        <translation>彩色</translation>
    </message>
    <message>
        <source>class %1, %2 images</source>
        <translation>类别 %1，%2 张图像</translation>
    </message>
    <message>
        <source>All classes</source>
        <translation>所有类别</translation>
    </message>
    <message>
        <source>%1

Install the dataset, or give the folder that holds its files in the Experiment panel&apos;s Data folder field.</source>
        <translation>%1

请安装该数据集，或在“实验”面板的“数据文件夹”中填写存放其文件的文件夹。</translation>
    </message>
</context>
<context>
    <name>EncoderKeptTree</name>
    <message>
        <source>Encoder</source>
        <translation>编码器</translation>
    </message>
    <message>
        <source>Attention kept</source>
        <translation>保留的注意力神经元</translation>
    </message>
    <message>
        <source>MLP kept</source>
        <translation>保留的 MLP 神经元</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>比例</translation>
    </message>
    <message>
        <source>Neurons the module keeps in each encoder: attention (query, key, value and output projections) and MLP (the feed-forward block&apos;s two layers). Open an encoder to see its layers.</source>
        <translation>模块在每个编码器中保留的神经元：注意力（query、key、value 和输出投影）与 MLP（前馈块的两层）。展开编码器可查看其各层。</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>All encoders</source>
        <translation>所有编码器</translation>
    </message>
</context>
<context>
    <name>EncoderNames</name>
    <message>
        <source>Encoder %1</source>
        <translation>编码器 %1</translation>
    </message>
    <message>
        <source>attention query</source>
        <translation>注意力 query</translation>
    </message>
    <message>
        <source>attention key</source>
        <translation>注意力 key</translation>
    </message>
    <message>
        <source>attention value</source>
        <translation>注意力 value</translation>
    </message>
    <message>
        <source>attention output</source>
        <translation>注意力输出</translation>
    </message>
    <message>
        <source>MLP hidden</source>
        <translation>MLP 隐藏层</translation>
    </message>
    <message>
        <source>MLP output</source>
        <translation>MLP 输出</translation>
    </message>
    <message>
        <source>query</source>
        <translation>query</translation>
    </message>
    <message>
        <source>key</source>
        <translation>key</translation>
    </message>
    <message>
        <source>value</source>
        <translation>value</translation>
    </message>
    <message>
        <source>attn out</source>
        <translation>注意力输出</translation>
    </message>
    <message>
        <source>MLP out</source>
        <translation>MLP 输出</translation>
    </message>
    <message>
        <source>attention</source>
        <translation>注意力</translation>
    </message>
    <message>
        <source>MLP</source>
        <translation>MLP</translation>
    </message>
    <message>
        <source>Attention neurons: the query projection of encoder %1</source>
        <translation>注意力神经元：编码器 %1 的 query 投影</translation>
    </message>
    <message>
        <source>Attention neurons: the key projection of encoder %1</source>
        <translation>注意力神经元：编码器 %1 的 key 投影</translation>
    </message>
    <message>
        <source>Attention neurons: the value projection of encoder %1</source>
        <translation>注意力神经元：编码器 %1 的 value 投影</translation>
    </message>
    <message>
        <source>Attention neurons: the output projection of encoder %1&apos;s attention</source>
        <translation>注意力神经元：编码器 %1 注意力的输出投影</translation>
    </message>
    <message>
        <source>MLP neurons: the hidden layer of encoder %1&apos;s feed-forward block</source>
        <translation>MLP 神经元：编码器 %1 前馈块的隐藏层</translation>
    </message>
    <message>
        <source>MLP neurons: the output layer of encoder %1&apos;s feed-forward block</source>
        <translation>MLP 神经元：编码器 %1 前馈块的输出层</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1: attention %2 of %3, MLP %4 of %5</source>
        <translation>%1：注意力 %2 / %3，MLP %4 / %5</translation>
    </message>
</context>
<context>
    <name>ExperimentPanel</name>
    <message>
        <source>Experiment</source>
        <translation>实验</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>Quick demo</source>
        <translation>快速演示</translation>
    </message>
    <message>
        <source>Transformer demo</source>
        <translation>Transformer 演示</translation>
    </message>
    <message>
        <source>Quick demo: minivgg on 20,000 Fashion-MNIST images, modules form in about a minute. Transformer demo: vit_tiny on the same images, attention and MLP neurons form modules in a few minutes</source>
        <translation>快速演示：minivgg 在 20,000 张 Fashion-MNIST 图像上训练，约一分钟内形成模块。Transformer 演示：vit_tiny 在相同图像上训练，注意力和 MLP 神经元在几分钟内形成模块</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>Dataset to train on; Fashion-MNIST ships with Debian</source>
        <translation>用于训练的数据集；Fashion-MNIST 随 Debian 提供</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Architecture: %1 are ours, small enough for a laptop CPU; %2 are the paper&apos;s CNNs and Transformers</source>
        <translation>架构：%1 是我们的模型，小到可在笔记本 CPU 上运行；%2 是论文中的 CNN 和 Transformer</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Mask query, key and value</source>
        <translation>掩码 query、key 和 value</translation>
    </message>
    <message>
        <source>Transformers: mask generators on the attention&apos;s query, key and value projections too, as in the paper. Off: only the attention output and the MLP are masked (nemo train --unmasked-qkv). CNNs have no attention.</source>
        <translation>Transformer：注意力的 query、key 和 value 投影也带掩码生成器，与论文相同。关闭：只掩码注意力输出和 MLP（nemo train --unmasked-qkv）。CNN 没有注意力。</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>注意力</translation>
    </message>
    <message>
        <source>none: learn from the labels</source>
        <translation>无：仅从标签学习</translation>
    </message>
    <message>
        <source>DeiT only (deit_tiny, deit_s): a run folder the engine trained on the same dataset, whose predictions teach the distillation head; the paper uses a standard resnet18. The distillation loss replaces the cross-entropy (docs/method.md §3.5; nemo train --teacher). Empty: no teacher.</source>
        <translation>仅限 DeiT（deit_tiny、deit_s）：由引擎在同一数据集上训练的运行文件夹，其预测指导蒸馏头；论文使用标准 resnet18。蒸馏损失取代交叉熵（docs/method.md §3.5；nemo train --teacher）。留空：不使用教师。</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>浏览...</translation>
    </message>
    <message>
        <source>Pick the teacher&apos;s run folder</source>
        <translation>选择教师的运行文件夹</translation>
    </message>
    <message>
        <source>Teacher run folder</source>
        <translation>教师运行文件夹</translation>
    </message>
    <message>
        <source>Teacher run</source>
        <translation>教师运行</translation>
    </message>
    <message>
        <source>Distillation alpha: weight of the labels&apos; cross-entropy on the class head; the rest goes to matching the teacher (nemo train --distill-alpha)</source>
        <translation>蒸馏 alpha：类别头上标签交叉熵的权重；其余权重用于拟合教师（nemo train --distill-alpha）</translation>
    </message>
    <message>
        <source>Distillation temperature: softens the teacher&apos;s and the student&apos;s predictions before they are compared (nemo train --distill-tau)</source>
        <translation>蒸馏温度：在比较之前软化教师和学生的预测（nemo train --distill-tau）</translation>
    </message>
    <message>
        <source>Distillation</source>
        <translation>蒸馏</translation>
    </message>
    <message>
        <source>NeMo (contrastive)</source>
        <translation>NeMo（对比）</translation>
    </message>
    <message>
        <source>MwT (cohesion/coupling)</source>
        <translation>MwT（内聚/耦合）</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>标准</translation>
    </message>
    <message>
        <source>How the masks are trained; Standard trains without masks</source>
        <translation>掩码的训练方式；“标准”不使用掩码训练</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>Passes over the training set</source>
        <translation>遍历训练集的次数</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>Images per training step</source>
        <translation>每个训练步的图像数</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Learning rate of the model&apos;s weights</source>
        <translation>模型权重的学习率</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Learning rate of the mask generators</source>
        <translation>掩码生成器的学习率</translation>
    </message>
    <message>
        <source>Mask learning rate</source>
        <translation>掩码学习率</translation>
    </message>
    <message>
        <source>Weight of the contrastive (NeMo) or cohesion (MwT) loss. It starts at the value the published code used for the model&apos;s family and method: NeMo 1.3 for CNNs, 1.1 for ResNets, 0.1 for Transformers; MwT 0.5</source>
        <translation>对比损失（NeMo）或内聚损失（MwT）的权重。初始值取自已发布代码对该模型族和方法所用的值：NeMo 的 CNN 为 1.3，ResNet 为 1.1，Transformer 为 0.1；MwT 为 0.5</translation>
    </message>
    <message>
        <source>Alpha</source>
        <translation>Alpha</translation>
    </message>
    <message>
        <source>Weight of the coupling loss (MwT only)</source>
        <translation>耦合损失的权重（仅 MwT）</translation>
    </message>
    <message>
        <source>Beta</source>
        <translation>Beta</translation>
    </message>
    <message>
        <source>Temperature of the contrastive loss: lower separates classes more sharply</source>
        <translation>对比损失的温度：越低，类别分得越清楚</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>Use only the first N training images (0: all)</source>
        <translation>只使用前 N 张训练图像（0：全部）</translation>
    </message>
    <message>
        <source>Training images</source>
        <translation>训练图像</translation>
    </message>
    <message>
        <source>Random seed: the same seed repeats the run exactly</source>
        <translation>随机种子：相同的种子会完全重现本次运行</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>CPU threads (0: every core)</source>
        <translation>CPU 线程数（0：所有核心）</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>线程</translation>
    </message>
    <message>
        <source>Run folder: config, metrics and checkpoints are written here</source>
        <translation>运行文件夹：配置、指标和检查点写入此处</translation>
    </message>
    <message>
        <source>Run folder</source>
        <translation>运行文件夹</translation>
    </message>
    <message>
        <source>The lesson&apos;s %1 &quot;%2&quot; is not offered here.</source>
        <translation>课程中的 %1 &quot;%2&quot; 在此不可用。</translation>
    </message>
    <message>
        <source>The lesson&apos;s mode &quot;%1&quot; is not nemo, mwt or standard.</source>
        <translation>课程的模式 &quot;%1&quot; 不是 nemo、mwt 或 standard。</translation>
    </message>
    <message>
        <source>default location</source>
        <translation>默认位置</translation>
    </message>
    <message>
        <source>Folder the dataset is read from (nemo train --data-dir); empty: its default location (Settings). For &quot;folder&quot;, your own images: DIR/train/&lt;class&gt;/*.png or *.jpg with DIR/test/&lt;class&gt;/..., or DIR/&lt;class&gt;/... split 80/20</source>
        <translation>读取数据集的文件夹（nemo train --data-dir）；留空则使用默认位置（设置）。选择“folder”时为你自己的图片：DIR/train/&lt;类别&gt;/*.png 或 *.jpg 以及 DIR/test/&lt;类别&gt;/...，或仅 DIR/&lt;类别&gt;/...（按 80/20 划分）</translation>
    </message>
    <message>
        <source>Pick the dataset&apos;s folder</source>
        <translation>选择数据集所在的文件夹</translation>
    </message>
    <message>
        <source>Dataset folder</source>
        <translation>数据集文件夹</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
</context>
<context>
    <name>Explanations</name>
    <message>
        <source>Each curve is a number the training reports every few steps; the x axis counts epochs (passes over the training images), so 1.5 is halfway through the second.</source>
        <translation>每条曲线是训练每隔几步报告的一个数值；x 轴以轮（遍历一次训练图像）计，所以 1.5 表示第二轮进行到一半。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Total loss&lt;/b&gt; = cross-entropy (is the answer right?) + alpha x &lt;b&gt;contrastive&lt;/b&gt; loss (do images of one class use the same neurons, and other classes different ones?). Both falling means the network learns and forms modules at once.</source>
        <translation>&lt;b&gt;总损失&lt;/b&gt; = 交叉熵（答案对吗？）+ alpha × &lt;b&gt;对比&lt;/b&gt;损失（同一类别的图像是否使用相同的神经元，不同类别是否使用不同的？）。两者都下降说明网络在学习的同时形成了模块。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Total loss&lt;/b&gt; = cross-entropy + alpha x &lt;b&gt;cohesion loss&lt;/b&gt; (images of one class should use the same kernels) + beta x &lt;b&gt;coupling loss&lt;/b&gt; (different classes should not).</source>
        <translation>&lt;b&gt;总损失&lt;/b&gt; = 交叉熵 + alpha × &lt;b&gt;内聚损失&lt;/b&gt;（同一类别的图像应使用相同的卷积核）+ beta × &lt;b&gt;耦合损失&lt;/b&gt;（不同类别则不应如此）。</translation>
    </message>
    <message>
        <source>Standard training has no masks: only the cross-entropy is minimized, and no modules form. It is the yardstick the modular methods are measured against.</source>
        <translation>标准训练没有掩码：只最小化交叉熵，不会形成模块。它是衡量模块化方法的基准。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Neuron retention&lt;/b&gt; is the share of neurons an image switches on. It falls as each class learns to use only its own small set.</source>
        <translation>&lt;b&gt;神经元保留率&lt;/b&gt;是一张图像激活的神经元所占比例。随着每个类别学会只使用自己的一小组神经元，它会下降。</translation>
    </message>
    <message>
        <source>Dashed orange lines mark settings changed during the run. Thick lines are smoothed; the faint ones behind them are the raw values.</source>
        <translation>橙色虚线标出运行中修改设置的位置。粗线是平滑后的曲线，其后的浅色线是原始值。</translation>
    </message>
    <message>
        <source>Training curves</source>
        <translation>训练曲线</translation>
    </message>
    <message>
        <source>Neurons</source>
        <translation>神经元</translation>
    </message>
    <message>
        <source>A standard run has no masks, so there is nothing to show here. Train in NeMo or MwT mode.</source>
        <translation>标准运行没有掩码，因此这里没有可显示的内容。请用 NeMo 或 MwT 模式训练。</translation>
    </message>
    <message>
        <source>Which class uses which neuron</source>
        <translation>哪个类别使用哪个神经元</translation>
    </message>
    <message>
        <source>Every &lt;b&gt;row&lt;/b&gt; is a class, every &lt;b&gt;column&lt;/b&gt; a neuron of the chosen layer. The colour is the neuron&apos;s mean mask over that class&apos;s probe images: yellow = on (1), dark purple = off (0).</source>
        <translation>每一&lt;b&gt;行&lt;/b&gt;是一个类别，每一&lt;b&gt;列&lt;/b&gt;是所选层的一个神经元。颜色是该神经元在该类别探针图像上的平均掩码：黄色 = 开（1），深紫色 = 关（0）。</translation>
    </message>
    <message>
        <source>With sorting on, the columns are reordered: neurons that one class uses most stand together. Hover to read which neuron a column is. As modules form, the picture turns into a &lt;b&gt;block diagonal&lt;/b&gt;: each class its own block.</source>
        <translation>开启排序后，列会重新排列：某个类别最常用的神经元排在一起。将鼠标悬停即可读出某列是哪个神经元。随着模块形成，图像会变成&lt;b&gt;块对角&lt;/b&gt;结构：每个类别一个块。</translation>
    </message>
    <message>
        <source>Below: one image&apos;s own masks, every layer a strip, in the same column order. Pick a class and an image to see which neurons that single picture switches on.</source>
        <translation>下方：单张图像自己的掩码，每层一条，列顺序相同。选择一个类别和一张图像，查看这张图像激活了哪些神经元。</translation>
    </message>
    <message>
        <source>Cutting modules</source>
        <translation>切出模块</translation>
    </message>
    <message>
        <source>&lt;b&gt;Modularize&lt;/b&gt; runs the trained network over the training images and counts how often each class switches each neuron on. A neuron belongs to a class&apos;s module when that share reaches the &lt;b&gt;threshold&lt;/b&gt;.</source>
        <translation>&lt;b&gt;模块化&lt;/b&gt;让训练好的网络遍历训练图像，统计每个类别激活每个神经元的频率。当该比例达到&lt;b&gt;阈值&lt;/b&gt;时，该神经元属于这个类别的模块。</translation>
    </message>
    <message>
        <source>Tick classes to see how many neurons their module keeps. The overlap map shows how many neurons two classes&apos; modules share: small numbers mean independent modules.</source>
        <translation>勾选类别即可看到其模块保留了多少神经元。重叠图显示两个类别的模块共享多少神经元：数值越小，模块越独立。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Quick cut&lt;/b&gt; builds the smaller network in seconds; &lt;b&gt;Extract&lt;/b&gt; also fine-tunes it. Both compare it with the full model on the ticked classes.</source>
        <translation>&lt;b&gt;快速切出&lt;/b&gt;在几秒内构建更小的网络；&lt;b&gt;提取&lt;/b&gt;还会对其微调。两者都会在勾选的类别上与完整模型比较。</translation>
    </message>
    <message>
        <source>The data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>A few images of every class, as the network sees them (before normalization), and how many images each split holds.</source>
        <translation>每个类别的几张图像（归一化之前，即网络看到的样子），以及每个数据划分包含多少图像。</translation>
    </message>
    <message>
        <source>Comparing methods</source>
        <translation>比较方法</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>Everything the engine reported, with the time: dataset sizes, epochs, changed settings, errors.</source>
        <translation>引擎报告的所有内容及时间：数据集大小、轮次、修改的设置、错误。</translation>
    </message>
    <message>
        <source>A study trains the same model with NeMo, MwT and standard training, cuts modules for the same classes, and compares accuracy, module size and speed. The table gives each method&apos;s means with 95% intervals over seeds and class sets.</source>
        <translation>研究用 NeMo、MwT 和标准训练训练同一模型，为相同的类别切出模块，并比较准确率、模块大小和速度。表格给出每种方法在各随机种子和类别集合上的均值及 95% 区间。</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>A standard run has no masks: no neuron belongs to a class.</source>
        <translation>标准运行没有掩码：没有神经元属于某个类别。</translation>
    </message>
    <message>
        <source>The network, neuron by neuron</source>
        <translation>逐个神经元看网络</translation>
    </message>
    <message>
        <source>Each column block is a masked layer, from the input on the left to the output on the right; each square is one neuron, coloured by the class that uses it most. Pale squares are used weakly, grey ones by no class.</source>
        <translation>每个块是一个带掩码的层，从左侧输入到右侧输出；每个方块是一个神经元，按最常使用它的类别着色。浅色方块使用较弱，灰色方块没有类别使用。</translation>
    </message>
    <message>
        <source>Tick classes in the Modules tab (after Modularize): the neurons their module keeps stay coloured and framed, the rest turn grey. That is the smaller network a module is.</source>
        <translation>在“模块”页勾选类别（模块化之后）：其模块保留的神经元保持彩色并加框，其余变为灰色。这就是模块这个更小的网络。</translation>
    </message>
    <message>
        <source>Click a neuron to see how much every class uses it and which probe images switch it on most.</source>
        <translation>点击一个神经元，查看每个类别使用它的程度，以及哪些探针图像最能激活它。</translation>
    </message>
</context>
<context>
    <name>HeatmapView</name>
    <message>
        <source>Masked layer to show</source>
        <translation>要显示的掩码层</translation>
    </message>
    <message>
        <source>Sort neurons by the class that uses them most</source>
        <translation>按最常使用神经元的类别排序</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>neuron</source>
        <translation>神经元</translation>
    </message>
    <message>
        <source>class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>mean mask</source>
        <translation>平均掩码</translation>
    </message>
    <message>
        <source>One image&apos;s masks</source>
        <translation>单张图像的掩码</translation>
    </message>
    <message>
        <source>%1 (%2 neurons)</source>
        <translation>%1（%2 个神经元）</translation>
    </message>
    <message>
        <source>%1: %2 attention and %3 MLP neurons</source>
        <translation>%1：%2 个注意力神经元和 %3 个 MLP 神经元</translation>
    </message>
    <message>
        <source>%1 neuron</source>
        <translation>%1神经元</translation>
    </message>
    <message>
        <source>Start a training, or open a run, to see its masks.</source>
        <translation>开始训练或打开一个运行以查看其掩码。</translation>
    </message>
    <message>
        <source>Sort by class</source>
        <translation>按类别排序</translation>
    </message>
    <message>
        <source>Epoch %1, step %2 of %3: mean mask of each class&apos;s probe images</source>
        <translation>第 %1 轮，第 %2/%3 步：每个类别探针图像的平均掩码</translation>
    </message>
    <message>
        <source>After epoch %1: mean mask of each class&apos;s probe images</source>
        <translation>第 %1 轮之后：每个类别探针图像的平均掩码</translation>
    </message>
    <message>
        <source>%1 neurons, sorted by the class that uses them most</source>
        <translation>%1 神经元，按最常使用它们的类别排序</translation>
    </message>
    <message>
        <source>neurons, sorted by the class that uses them most</source>
        <translation>神经元，按最常使用它们的类别排序</translation>
    </message>
    <message>
        <source>neuron %1 (column %2)</source>
        <translation>神经元 %1（第 %2 列）</translation>
    </message>
    <message>
        <source>neuron %1</source>
        <translation>神经元 %1</translation>
    </message>
    <message>
        <source>%1, %2, class %3: %4</source>
        <translation>%1，%2，类别 %3：%4</translation>
    </message>
    <message>
        <source>Sort neurons by class</source>
        <translation>按类别排序神经元</translation>
    </message>
    <message>
        <source>Save the shown layer as PNG, SVG or PDF, or every layer&apos;s values as CSV</source>
        <translation>将所示层保存为 PNG、SVG 或 PDF，或将所有层的数值保存为 CSV</translation>
    </message>
    <message>
        <source>Export the class x neuron heatmap</source>
        <translation>导出类别 × 神经元热图</translation>
    </message>
    <message>
        <source>There are no masks to export yet.</source>
        <translation>尚无可导出的掩码。</translation>
    </message>
</context>
<context>
    <name>Lesson</name>
    <message>
        <source>%1 is not a usable lesson file: %2</source>
        <translation>%1 不是可用的课程文件：%2</translation>
    </message>
    <message>
        <source>it is larger than 1 MiB</source>
        <translation>文件大于 1 MiB</translation>
    </message>
    <message>
        <source>invalid JSON at byte %1 (%2)</source>
        <translation>第 %1 字节处 JSON 无效（%2）</translation>
    </message>
    <message>
        <source>it needs &quot;nemo_lesson&quot;: 1</source>
        <translation>需要 &quot;nemo_lesson&quot;: 1</translation>
    </message>
    <message>
        <source>unknown key &quot;%1&quot;</source>
        <translation>未知的键 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>&quot;preset&quot; must be &quot;quick-demo&quot; or &quot;transformer-demo&quot;</source>
        <translation>&quot;preset&quot; 必须是 &quot;quick-demo&quot; 或 &quot;transformer-demo&quot;</translation>
    </message>
    <message>
        <source>setting &quot;%1&quot; must be a number from %2 to %3</source>
        <translation>设置 &quot;%1&quot; 必须是 %2 到 %3 之间的数</translation>
    </message>
    <message>
        <source>setting &quot;%1&quot; must be text</source>
        <translation>设置 &quot;%1&quot; 必须是文本</translation>
    </message>
    <message>
        <source>unknown setting &quot;%1&quot; (known: %2)</source>
        <translation>未知的设置 &quot;%1&quot;（已知：%2）</translation>
    </message>
    <message>
        <source>&quot;speed_ms&quot; must be 0 to 10000</source>
        <translation>&quot;speed_ms&quot; 必须在 0 到 10000 之间</translation>
    </message>
    <message>
        <source>step %1 has no &quot;text&quot;</source>
        <translation>第 %1 步没有 &quot;text&quot;</translation>
    </message>
    <message>
        <source>step %1: &quot;done_when&quot; must be one of %2</source>
        <translation>第 %1 步：&quot;done_when&quot; 必须是 %2 之一</translation>
    </message>
    <message>
        <source>Modules in ten minutes</source>
        <translation>十分钟了解模块</translation>
    </message>
    <message>
        <source>Press &lt;b&gt;Start&lt;/b&gt;. minivgg learns Fashion-MNIST and, at the same time, a mask for every neuron.</source>
        <translation>按下&lt;b&gt;开始&lt;/b&gt;。minivgg 学习 Fashion-MNIST，同时为每个神经元学习一个掩码。</translation>
    </message>
    <message>
        <source>Watch the Neurons tab: rows are classes, columns neurons. Within a minute a &lt;b&gt;block diagonal&lt;/b&gt; forms: each class keeps its own neurons. Try &lt;b&gt;Pause&lt;/b&gt; and &lt;b&gt;Step&lt;/b&gt;, or change &lt;b&gt;Alpha&lt;/b&gt; while it runs.</source>
        <translation>观察“神经元”页：行是类别，列是神经元。一分钟内会形成&lt;b&gt;块对角&lt;/b&gt;结构：每个类别保有自己的神经元。试试&lt;b&gt;暂停&lt;/b&gt;和&lt;b&gt;单步&lt;/b&gt;，或在运行时修改 &lt;b&gt;Alpha&lt;/b&gt;。</translation>
    </message>
    <message>
        <source>Open the Modules tab and press &lt;b&gt;Modularize&lt;/b&gt;: the network runs over the training images once and records which neurons each class uses.</source>
        <translation>打开“模块”页并按下&lt;b&gt;模块化&lt;/b&gt;：网络遍历一次训练图像，记录每个类别使用哪些神经元。</translation>
    </message>
    <message>
        <source>Tick Trouser and Bag and press &lt;b&gt;Quick cut&lt;/b&gt;: a network several times smaller that still tells the two apart.</source>
        <translation>勾选 Trouser 和 Bag 并按下&lt;b&gt;快速切出&lt;/b&gt;：得到一个小好几倍、仍能区分二者的网络。</translation>
    </message>
    <message>
        <source>Compare its accuracy, parameters and speed with the full model in the results below. Which classes share the most neurons? The overlap map tells.</source>
        <translation>在下方结果中将其准确率、参数量和速度与完整模型比较。哪些类别共享的神经元最多？重叠图会告诉你。</translation>
    </message>
    <message>
        <source>&quot;tab&quot; must be 0 to 6</source>
        <translation>&quot;tab&quot; 必须在 0 到 6 之间</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>NeMo Workbench</source>
        <translation>NeMo 工作台</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Neurons</source>
        <translation>神经元</translation>
    </message>
    <message>
        <source>Modules</source>
        <translation>模块</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Start training with these settings (Ctrl+R)</source>
        <translation>使用这些设置开始训练 (Ctrl+R)</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Pause or resume between two training steps (Ctrl+P)</source>
        <translation>在两个训练步之间暂停或继续 (Ctrl+P)</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop; the checkpoint of the last finished epoch is kept (Ctrl+.)</source>
        <translation>停止；保留最后一个完成轮次的检查点 (Ctrl+.)</translation>
    </message>
    <message>
        <source>%p%</source>
        <translation>%p%</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Run folder to compare</source>
        <translation>要比较的运行文件夹</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open Run...</source>
        <translation>打开运行(&amp;O)...</translation>
    </message>
    <message>
        <source>Open a run folder</source>
        <translation>打开运行文件夹</translation>
    </message>
    <message>
        <source>Show a run&apos;s curves; a run still being written is followed live</source>
        <translation>显示一次运行的曲线；仍在写入的运行会被实时跟踪</translation>
    </message>
    <message>
        <source>Recent Runs</source>
        <translation>最近的运行</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Preferences...</source>
        <translation>首选项(&amp;P)...</translation>
    </message>
    <message>
        <source>Training is running</source>
        <translation>训练正在进行</translation>
    </message>
    <message>
        <source>Stop the current training before opening another run.</source>
        <translation>请先停止当前训练，再打开其他运行。</translation>
    </message>
    <message>
        <source>Module work is running</source>
        <translation>模块任务正在进行</translation>
    </message>
    <message>
        <source>Wait for the module work in the Modules tab to finish, or stop it, before opening another run.</source>
        <translation>请等待“模块”页中的任务完成或将其停止，然后再打开其他运行。</translation>
    </message>
    <message>
        <source>Cannot open run</source>
        <translation>无法打开运行</translation>
    </message>
    <message>
        <source>Showing %1 (new lines appear as the run writes them)</source>
        <translation>正在显示 %1（运行写入新行时会随之出现）</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
    <message>
        <source>Cannot compare run</source>
        <translation>无法比较运行</translation>
    </message>
    <message>
        <source>%1 has no curves to draw.</source>
        <translation>%1 没有可绘制的曲线。</translation>
    </message>
    <message>
        <source>Comparing with %1</source>
        <translation>正在与 %1 比较</translation>
    </message>
    <message>
        <source>Wait for the module work in the Modules tab to finish, or stop it, before training.</source>
        <translation>请等待“模块”页中的任务完成或将其停止，然后再开始训练。</translation>
    </message>
    <message>
        <source>Continue run?</source>
        <translation>继续运行？</translation>
    </message>
    <message>
        <source>%1 already holds a run. Continue it from its last checkpoint?</source>
        <translation>%1 中已有一次运行。要从其最后一个检查点继续吗？</translation>
    </message>
    <message>
        <source>Training %1 on %2 (%3) into %4</source>
        <translation>正在 %2 上训练 %1（%3），输出到 %4</translation>
    </message>
    <message>
        <source>Resumed</source>
        <translation>已继续</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Stopping after the current step...</source>
        <translation>将在当前步完成后停止……</translation>
    </message>
    <message>
        <source>Epoch %1/%2, step %3/%4</source>
        <translation>第 %1/%2 轮，第 %3/%4 步</translation>
    </message>
    <message>
        <source>, about %1 s left</source>
        <translation>，约剩 %1 秒</translation>
    </message>
    <message>
        <source>Epoch %1: test accuracy %2, neuron retention %3</source>
        <translation>第 %1 轮：测试准确率 %2，神经元保留率 %3</translation>
    </message>
    <message>
        <source>Stopped; the last finished epoch is saved</source>
        <translation>已停止；最后一个完成的轮次已保存</translation>
    </message>
    <message>
        <source>Done: test accuracy %1, neuron retention %2</source>
        <translation>完成：测试准确率 %1，神经元保留率 %2</translation>
    </message>
    <message>
        <source>Training failed</source>
        <translation>训练失败</translation>
    </message>
    <message>
        <source>Stop training?</source>
        <translation>停止训练？</translation>
    </message>
    <message>
        <source>Training is still running. Stop it and close? The last finished epoch is kept and the run can be continued later.</source>
        <translation>训练仍在进行。要停止并关闭吗？最后一个完成的轮次会保留，之后可以继续这次运行。</translation>
    </message>
    <message>
        <source>Stop module work?</source>
        <translation>停止模块任务？</translation>
    </message>
    <message>
        <source>The Modules tab is still working. Stop it and close? An extraction in progress is discarded; modularizing finishes its pass first.</source>
        <translation>“模块”页仍在工作。要停止并关闭吗？进行中的提取将被丢弃；模块化会先完成当前这一遍。</translation>
    </message>
    <message>
        <source>Neurons tab: masks of the checkpoint after epoch %1</source>
        <translation>神经元页：第 %1 轮后检查点的掩码</translation>
    </message>
    <message>
        <source>No masks for the Neurons tab: %1</source>
        <translation>神经元页没有掩码：%1</translation>
    </message>
    <message>
        <source>This run was trained in standard mode: it has no masks.</source>
        <translation>此运行以标准模式训练：没有掩码。</translation>
    </message>
    <message>
        <source>Computing the masks of the run&apos;s newest checkpoint...</source>
        <translation>正在计算该运行最新检查点的掩码...</translation>
    </message>
    <message>
        <source>No checkpoint yet: open the run again after its first epoch to see its masks.</source>
        <translation>尚无检查点：请在第一轮结束后重新打开该运行以查看其掩码。</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>Open &amp;Study...</source>
        <translation>打开研究(&amp;S)...</translation>
    </message>
    <message>
        <source>Open a study folder (written by nemo study)</source>
        <translation>打开研究文件夹（由 nemo study 写出）</translation>
    </message>
    <message>
        <source>Show a study&apos;s report in the Compare tab: NeMo against MwT and the standard model</source>
        <translation>在“比较”标签页中显示研究报告：NeMo 对比 MwT 和标准模型</translation>
    </message>
    <message>
        <source>Cannot open study</source>
        <translation>无法打开研究</translation>
    </message>
    <message>
        <source>Showing the study in %1</source>
        <translation>正在显示 %1 中的研究</translation>
    </message>
    <message>
        <source>Opened study %1</source>
        <translation>已打开研究 %1</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Pause and run exactly one training step (one batch); the curves and the Neurons tab show its effect at once (F10)</source>
        <translation>暂停并只运行一个训练步（一个批次）；曲线和“神经元”页会立即显示其效果（F10）</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>重新开始</translation>
    </message>
    <message>
        <source>Stop this training and start the same settings from scratch in a new run folder</source>
        <translation>停止本次训练，并以相同设置在新的运行文件夹中从头开始</translation>
    </message>
    <message>
        <source>Full speed</source>
        <translation>全速</translation>
    </message>
    <message>
        <source>Slow (0.1 s per step)</source>
        <translation>慢（每步 0.1 秒）</translation>
    </message>
    <message>
        <source>Slower (0.3 s per step)</source>
        <translation>更慢（每步 0.3 秒）</translation>
    </message>
    <message>
        <source>Very slow (1 s per step)</source>
        <translation>很慢（每步 1 秒）</translation>
    </message>
    <message>
        <source>Pace of the training: slower gives time to watch the masks change</source>
        <translation>训练速度：慢一些便有时间观察掩码的变化</translation>
    </message>
    <message>
        <source>What you see</source>
        <translation>你看到的是什么</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Presenter Mode</source>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <source>Full screen, the experiment panel hidden and larger text, for a lecture (F11)</source>
        <translation>全屏、隐藏实验面板并放大文字，适合授课（F11）</translation>
    </message>
    <message>
        <source>&amp;What You See</source>
        <translation>你看到的是什么(&amp;W)</translation>
    </message>
    <message>
        <source>Larger Text</source>
        <translation>放大文字</translation>
    </message>
    <message>
        <source>Smaller Text</source>
        <translation>缩小文字</translation>
    </message>
    <message>
        <source>Normal Text Size</source>
        <translation>正常文字大小</translation>
    </message>
    <message>
        <source>Open &amp;Lesson...</source>
        <translation>打开课程(&amp;L)...</translation>
    </message>
    <message>
        <source>Open a lesson file</source>
        <translation>打开课程文件</translation>
    </message>
    <message>
        <source>Lesson (*.json)</source>
        <translation>课程 (*.json)</translation>
    </message>
    <message>
        <source>Cannot open lesson</source>
        <translation>无法打开课程</translation>
    </message>
    <message>
        <source>A lesson file holds a lecture&apos;s settings and the steps the class follows</source>
        <translation>课程文件保存一堂课的设置以及学生要跟随的步骤</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Guided Lesson: Quick Demo</source>
        <translation>引导课程：快速演示(&amp;G)</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Train, watch modules form, modularize, cut a module and compare, step by step</source>
        <translation>逐步完成：训练、观察模块形成、模块化、切出模块并比较</translation>
    </message>
    <message>
        <source>This run trains in standard mode: it has no masks.</source>
        <translation>此次运行以标准模式训练：没有掩码。</translation>
    </message>
    <message>
        <source>The masks appear after the first training steps.</source>
        <translation>掩码会在最初几个训练步之后出现。</translation>
    </message>
    <message>
        <source>Paused: Step (F10) runs one batch, Resume goes on</source>
        <translation>已暂停：“单步”（F10）运行一个批次，“继续”接着训练</translation>
    </message>
    <message>
        <source>Restarting after the current step...</source>
        <translation>当前步完成后重新开始...</translation>
    </message>
    <message>
        <source>%1 %2 takes effect at the next training step%3</source>
        <translation>%1 %2 将在下一个训练步生效%3</translation>
    </message>
    <message>
        <source> (the run is paused)</source>
        <translation>（运行已暂停）</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Lesson done.</source>
        <translation>课程完成。</translation>
    </message>
    <message>
        <source>End lesson</source>
        <translation>结束课程</translation>
    </message>
    <message>
        <source>Lesson %1 opened from %2</source>
        <translation>已从 %2 打开课程 %1</translation>
    </message>
    <message>
        <source>Stop the current training before starting a lesson.</source>
        <translation>开始课程前请先停止当前训练。</translation>
    </message>
    <message>
        <source>Presenter mode: F11 leaves it, Ctrl+= and Ctrl+- change the text size</source>
        <translation>演示模式：按 F11 退出，Ctrl+= 和 Ctrl+- 调整文字大小</translation>
    </message>
    <message>
        <source>, about %1 min left</source>
        <translation>，约剩 %1 分钟</translation>
    </message>
    <message>
        <source>Restarting with the same settings in a new run folder</source>
        <translation>以相同设置在新的运行文件夹中重新开始</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
</context>
<context>
    <name>MetricsPlot</name>
    <message>
        <source>total loss</source>
        <translation>总损失</translation>
    </message>
    <message>
        <source>cross-entropy</source>
        <translation>交叉熵</translation>
    </message>
    <message>
        <source>contrastive</source>
        <translation>对比损失</translation>
    </message>
    <message>
        <source>cohesion loss</source>
        <translation>内聚损失</translation>
    </message>
    <message>
        <source>coupling loss</source>
        <translation>耦合损失</translation>
    </message>
    <message>
        <source>test loss</source>
        <translation>测试损失</translation>
    </message>
    <message>
        <source>train accuracy</source>
        <translation>训练准确率</translation>
    </message>
    <message>
        <source>neuron retention</source>
        <translation>神经元保留率</translation>
    </message>
    <message>
        <source>test accuracy</source>
        <translation>测试准确率</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>mask learning rate</source>
        <translation>掩码学习率</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>accuracy / retention</source>
        <translation>准确率 / 保留率</translation>
    </message>
    <message>
        <source>Wheel: zoom. Drag: pan. Double-click: show everything and follow new points.</source>
        <translation>滚轮：缩放。拖动：平移。双击：显示全部并跟随新数据点。</translation>
    </message>
    <message>
        <source>Exponential moving average of the training curves, as in TensorBoard; the raw curve stays faint behind it. 0: no smoothing.</source>
        <translation>训练曲线的指数移动平均，与 TensorBoard 相同；原始曲线以浅色保留在后面。0：不平滑。</translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation>对数刻度</translation>
    </message>
    <message>
        <source>Logarithmic y axis for the losses</source>
        <translation>损失使用对数 y 轴</translation>
    </message>
    <message>
        <source>Compare run...</source>
        <translation>比较运行...</translation>
    </message>
    <message>
        <source>Add another run folder&apos;s curves to these plots</source>
        <translation>将另一个运行文件夹的曲线加入这些图</translation>
    </message>
    <message>
        <source>Remove compared</source>
        <translation>移除比较</translation>
    </message>
    <message>
        <source>Remove the runs added for comparison</source>
        <translation>移除为比较而添加的运行</translation>
    </message>
    <message>
        <source>Export...</source>
        <translation>导出...</translation>
    </message>
    <message>
        <source>Save the plots as PNG, PDF or SVG, or every point as CSV</source>
        <translation>将图保存为 PNG、PDF 或 SVG，或将所有数据点保存为 CSV</translation>
    </message>
    <message>
        <source>Smoothing</source>
        <translation>平滑</translation>
    </message>
    <message>
        <source>Hover over a plot to read the values at that point.</source>
        <translation>将鼠标悬停在图上即可读取该处的数值。</translation>
    </message>
    <message>
        <source>epoch %1</source>
        <translation>轮次 %1</translation>
    </message>
    <message>
        <source>, step %1</source>
        <translation>，第 %1 步</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>CSV table, every point (*.csv)</source>
        <translation>CSV 表格，全部数据点 (*.csv)</translation>
    </message>
    <message>
        <source>Export training curves</source>
        <translation>导出训练曲线</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>distillation</source>
        <translation>蒸馏损失</translation>
    </message>
    <message>
        <source>Training curves: %1</source>
        <translation>训练曲线：%1</translation>
    </message>
    <message>
        <source> vs </source>
        <translation> 对比 </translation>
    </message>
</context>
<context>
    <name>ModelChoices</name>
    <message>
        <source>The paper&apos;s SimCNN</source>
        <translation>论文中的 SimCNN</translation>
    </message>
    <message>
        <source>The paper&apos;s ResCNN</source>
        <translation>论文中的 ResCNN</translation>
    </message>
    <message>
        <source>The paper&apos;s VGG16 with batch norm</source>
        <translation>论文中带批归一化的 VGG16</translation>
    </message>
    <message>
        <source>The paper&apos;s ResNet18</source>
        <translation>论文中的 ResNet18</translation>
    </message>
    <message>
        <source>Ours: a Vision Transformer with 4 encoders, 64 wide, on 7x7 patches of 28x28 images; learns Fashion-MNIST in minutes on one core. Trains without random crops and flips, which would move content across patches</source>
        <translation>我们的模型：4 个编码器、宽度 64 的 Vision Transformer，处理 28x28 图像的 7x7 图块；在单核上几分钟即可学会 Fashion-MNIST。训练时不做随机裁剪和翻转，因为它们会让内容跨越图块边界</translation>
    </message>
    <message>
        <source>The paper&apos;s ViT-Small (12 encoders, 384 wide)</source>
        <translation>论文中的 ViT-Small（12 个编码器，宽度 384）</translation>
    </message>
    <message>
        <source>The paper&apos;s DeiT-Small (ViT-Small with a distillation token)</source>
        <translation>论文中的 DeiT-Small（带蒸馏 token 的 ViT-Small）</translation>
    </message>
    <message>
        <source>Ours: vit_tiny with DeiT&apos;s distillation token and second head. Trains without random crops and flips, like vit_tiny; learns from a teacher run when one is given (Teacher run)</source>
        <translation>我们的模型：带 DeiT 蒸馏 token 和第二个输出头的 vit_tiny。与 vit_tiny 一样训练时不做随机裁剪和翻转；给定教师运行时向其学习（教师运行）</translation>
    </message>
    <message>
        <source>Ours: VGG16&apos;s shape in small, for 28x28 images; its first masked layer is 8% of its neurons, as in the paper&apos;s CNNs, so modules keep little they all share. An epoch of Fashion-MNIST takes about a minute on one core</source>
        <translation>我们的模型：缩小版的 VGG16 结构，适用于 28x28 图像；其第一个掩码层只占神经元的 8%，与论文中的 CNN 一样，因此各模块共享的部分很少。在单核上训练一轮 Fashion-MNIST 约需一分钟</translation>
    </message>
    <message>
        <source>Ours: a smaller CNN for 28x28 images; its first masked layer is a quarter of its neurons, and every module keeps it. An epoch of Fashion-MNIST takes under a minute on one core</source>
        <translation>我们的模型：一个更小的 CNN，适用于 28x28 图像；其第一个掩码层占神经元的四分之一，每个模块都会保留它。在单核上训练一轮 Fashion-MNIST 不到一分钟</translation>
    </message>
</context>
<context>
    <name>ModularData</name>
    <message>
        <source>Cannot read the module in %1: %2</source>
        <translation>无法读取 %1 中的模块：%2</translation>
    </message>
</context>
<context>
    <name>ModuleExport</name>
    <message>
        <source>%1 is missing from %2. Extract the module again.</source>
        <translation>%2 中缺少 %1。请重新提取该模块。</translation>
    </message>
    <message>
        <source>%1 already exists and is not an empty folder. Choose a new folder name.</source>
        <translation>%1 已存在且不是空文件夹。请选择一个新的文件夹名称。</translation>
    </message>
    <message>
        <source>The module is already in %1.</source>
        <translation>模块已在 %1 中。</translation>
    </message>
    <message>
        <source>Cannot create %1. Check that you may write there.</source>
        <translation>无法创建 %1。请检查你是否有该位置的写入权限。</translation>
    </message>
    <message>
        <source>Cannot create a folder in %1. Check that you may write there.</source>
        <translation>无法在 %1 中创建文件夹。请检查你是否有该位置的写入权限。</translation>
    </message>
    <message>
        <source>Copying %1 to %2 failed (%3). Check the free disk space and that you may write there.</source>
        <translation>将 %1 复制到 %2 失败（%3）。请检查剩余磁盘空间以及是否有写入权限。</translation>
    </message>
    <message>
        <source>Cannot rename the copied module to %1. Check that you may write there.</source>
        <translation>无法将复制的模块重命名为 %1。请检查你是否有该位置的写入权限。</translation>
    </message>
</context>
<context>
    <name>ModuleResults</name>
    <message>
        <source>Sub-task</source>
        <translation>子任务</translation>
    </message>
    <message>
        <source>Module</source>
        <translation>模块</translation>
    </message>
    <message>
        <source>Full model</source>
        <translation>完整模型</translation>
    </message>
    <message>
        <source>Module / full</source>
        <translation>模块 / 完整</translation>
    </message>
    <message>
        <source>The full model is scored on the same classes, its logits restricted to them</source>
        <translation>完整模型在相同类别上评估，其 logits 仅限于这些类别</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Neurons kept</source>
        <translation>保留的神经元</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>比例</translation>
    </message>
    <message>
        <source>Neurons of each masked layer that the module keeps</source>
        <translation>模块在每个掩码层中保留的神经元</translation>
    </message>
    <message>
        <source>No module yet: pick classes and press Extract.</source>
        <translation>尚无模块：请选择类别并点击“提取”。</translation>
    </message>
    <message>
        <source>Accuracy on the sub-task</source>
        <translation>子任务准确率</translation>
    </message>
    <message>
        <source> points</source>
        <translation> 个百分点</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数量</translation>
    </message>
    <message>
        <source>FLOPs (multiply-adds per image)</source>
        <translation>FLOPs（每张图像的乘加次数）</translation>
    </message>
    <message>
        <source>Latency, batch 1</source>
        <translation>延迟，批大小 1</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>Latency, batch 128</source>
        <translation>延迟，批大小 128</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>All masked layers</source>
        <translation>所有掩码层</translation>
    </message>
    <message>
        <source>Accuracy vs the standard model</source>
        <translation>与标准模型的准确率对比</translation>
    </message>
    <message>
        <source>Save these results as PNG or SVG, or their numbers as CSV</source>
        <translation>将这些结果保存为 PNG 或 SVG，或将其数值保存为 CSV</translation>
    </message>
    <message>
        <source>Export the module&apos;s results</source>
        <translation>导出模块的结果</translation>
    </message>
    <message>
        <source>There is no module to export yet. Extract one first.</source>
        <translation>尚无可导出的模块。请先提取一个。</translation>
    </message>
    <message>
        <source>module for %1</source>
        <translation>%1 的模块</translation>
    </message>
</context>
<context>
    <name>ModulesTab</name>
    <message>
        <source>A neuron joins a class&apos;s module when it is active for at least this share of the class&apos;s training images. Lower keeps more neurons.</source>
        <translation>当神经元在某类别至少这一比例的训练图像上处于激活状态时，它就属于该类别的模块。阈值越低，保留的神经元越多。</translation>
    </message>
    <message>
        <source>Modularize</source>
        <translation>模块化</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>阈值</translation>
    </message>
    <message>
        <source>Fine-tune epoch %1 of %2: validation accuracy %3</source>
        <translation>微调第 %1/%2 轮：验证准确率 %3</translation>
    </message>
    <message>
        <source>Modularized at threshold %1</source>
        <translation>已按阈值 %1 模块化</translation>
    </message>
    <message>
        <source>Extraction stopped; no module was saved.</source>
        <translation>提取已停止；未保存任何模块。</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Module work failed</source>
        <translation>模块任务失败</translation>
    </message>
    <message>
        <source>%1

Fix the cause above and try again; the run itself is unchanged.</source>
        <translation>%1

请解决上述问题后重试；运行本身没有改变。</translation>
    </message>
    <message>
        <source>Classes and their modules</source>
        <translation>类别及其模块</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>Retention</source>
        <translation>保留率</translation>
    </message>
    <message>
        <source>Cohesion</source>
        <translation>内聚度</translation>
    </message>
    <message>
        <source>Training images of the class</source>
        <translation>该类别的训练图像数</translation>
    </message>
    <message>
        <source>Share of all masked neurons in the class&apos;s module, at the threshold shown</source>
        <translation>在当前阈值下，该类别模块中的神经元占所有掩码神经元的比例</translation>
    </message>
    <message>
        <source>Mean Jaccard similarity of the class&apos;s sample masks inside its module: 1 means every image uses the same neurons</source>
        <translation>该类别样本掩码在其模块内的平均 Jaccard 相似度：1 表示每张图像都使用相同的神经元</translation>
    </message>
    <message>
        <source>Module overlap</source>
        <translation>模块重叠</translation>
    </message>
    <message>
        <source>Module for the ticked classes vs the full model</source>
        <translation>所选类别的模块与完整模型对比</translation>
    </message>
    <message>
        <source>Epochs of fine-tuning the cut-out module on its classes; the best epoch on a validation split is kept (0: no fine-tuning)</source>
        <translation>在目标类别上微调切出模块的轮数；保留验证集上最好的一轮（0：不微调）</translation>
    </message>
    <message>
        <source>Extract</source>
        <translation>提取</translation>
    </message>
    <message>
        <source>Cut out a smaller network that keeps only these classes&apos; neurons, fine-tune it and compare it with the full model</source>
        <translation>切出一个只保留这些类别神经元的更小网络，对其微调并与完整模型比较</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Save as...</source>
        <translation>另存为...</translation>
    </message>
    <message>
        <source>Copy the module (TorchScript module.pt, module.safetensors, module.json) to a new folder</source>
        <translation>将模块（TorchScript module.pt、module.safetensors、module.json）复制到新文件夹</translation>
    </message>
    <message>
        <source>Fine-tune epochs</source>
        <translation>微调轮数</translation>
    </message>
    <message>
        <source>No run yet: train one (Start) or open one (File &gt; Open Run) to cut modules out of it.</source>
        <translation>尚无运行：请训练一次（开始）或打开一次运行（文件 &gt; 打开运行），才能从中切出模块。</translation>
    </message>
    <message>
        <source>No module yet.</source>
        <translation>尚无模块。</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: no checkpoint yet. Train at least one epoch, then modularize.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;：尚无检查点。请至少训练一轮，然后再模块化。</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; (%2 on %3) has no modules yet. &lt;b&gt;Modularize&lt;/b&gt; runs the trained model over the training images once and records which neurons each class uses.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;（%3 上的 %2）尚无模块。&lt;b&gt;模块化&lt;/b&gt;会让训练好的模型在训练图像上运行一遍，并记录每个类别使用哪些神经元。</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; (%2 on %3)</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;（%3 上的 %2）</translation>
    </message>
    <message>
        <source>Mean retention %1, coupling %2</source>
        <translation>平均保留率 %1，耦合度 %2</translation>
    </message>
    <message>
        <source>Retention: share of neurons in a class&apos;s module, averaged over classes. Coupling: mean Jaccard overlap of two classes&apos; modules; lower means more independent modules.</source>
        <translation>保留率：类别模块中神经元所占比例，对所有类别取平均。耦合度：两个类别模块的平均 Jaccard 重叠；越低表示模块越独立。</translation>
    </message>
    <message>
        <source>Not measured at this threshold: press Modularize to measure it</source>
        <translation>此阈值下尚未测量：点击“模块化”进行测量</translation>
    </message>
    <message>
        <source>Cohesion as measured by modularize at %1.</source>
        <translation>内聚度为模块化在 %1 处测得的值。</translation>
    </message>
    <message>
        <source>Cohesion needs the per-image masks, so it is known only where modularize ran (%1). Retention and overlap are previewed; press Modularize to measure cohesion at %2.</source>
        <translation>内聚度需要每张图像的掩码，因此只在运行过模块化的阈值处已知（%1）。保留率和重叠为预览值；点击“模块化”以测量 %2 处的内聚度。</translation>
    </message>
    <message>
        <source>nowhere yet</source>
        <translation>尚无</translation>
    </message>
    <message>
        <source>Tick the classes the module should recognise.</source>
        <translation>请勾选模块应识别的类别。</translation>
    </message>
    <message numerus="yes">
        <source>%n class(es) ticked.</source>
        <translation>
            <numerusform>已勾选 %n 个类别。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2/%3</source>
        <translation>%1：%2/%3</translation>
    </message>
    <message numerus="yes">
        <source>A module for these %n class(es) keeps %1 of %2 neurons (%3): %4</source>
        <translation>
            <numerusform>这 %n 个类别的模块保留 %2 个神经元中的 %1 个（%3）：%4</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved module %1, extracted %2.</source>
        <translation>已保存的模块 %1，提取于 %2。</translation>
    </message>
    <message>
        <source>No module yet: tick classes and press Extract.</source>
        <translation>尚无模块：请勾选类别并点击“提取”。</translation>
    </message>
    <message>
        <source>No module for these classes yet: press Extract.</source>
        <translation>这些类别尚无模块：请点击“提取”。</translation>
    </message>
    <message>
        <source>Modularize at %1</source>
        <translation>按 %1 模块化</translation>
    </message>
    <message>
        <source>Wait until training ends</source>
        <translation>请等待训练结束</translation>
    </message>
    <message>
        <source>Run the trained model over the training images and write module masks, retention, cohesion and coupling for this threshold to RUN/modular</source>
        <translation>让训练好的模型在训练图像上运行，并将此阈值下的模块掩码、保留率、内聚度和耦合度写入 RUN/modular</translation>
    </message>
    <message>
        <source>Modularizing at threshold %1...</source>
        <translation>正在按阈值 %1 模块化……</translation>
    </message>
    <message>
        <source>No classes ticked</source>
        <translation>未勾选类别</translation>
    </message>
    <message>
        <source>Tick at least one class in the list to extract a module for it.</source>
        <translation>请在列表中至少勾选一个类别，才能为其提取模块。</translation>
    </message>
    <message>
        <source>Replace module?</source>
        <translation>替换模块？</translation>
    </message>
    <message>
        <source>%1 already holds a module for these classes. Extract again and replace it?</source>
        <translation>%1 中已有这些类别的模块。要重新提取并替换吗？</translation>
    </message>
    <message numerus="yes">
        <source>Preparing the module for %n class(es)...</source>
        <translation>
            <numerusform>正在为 %n 个类别准备模块……</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopping after the current step...</source>
        <translation>将在当前步完成后停止……</translation>
    </message>
    <message>
        <source>Module for %1, extracted in %2 s (threshold %3, best fine-tune epoch %4), saved in %5.</source>
        <translation>%1 的模块，提取耗时 %2 秒（阈值 %3，最佳微调轮次 %4），已保存到 %5。</translation>
    </message>
    <message>
        <source>Done: module accuracy %1 (full model %2)</source>
        <translation>完成：模块准确率 %1（完整模型 %2）</translation>
    </message>
    <message>
        <source>There is no module to save yet. Extract one first.</source>
        <translation>尚无可保存的模块。请先提取一个。</translation>
    </message>
    <message>
        <source>Save module as a new folder</source>
        <translation>将模块另存为新文件夹</translation>
    </message>
    <message>
        <source>Cannot save the module</source>
        <translation>无法保存模块</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>已保存到 %1</translation>
    </message>
    <message>
        <source>No sample images: %1</source>
        <translation>没有样本图像：%1</translation>
    </message>
    <message>
        <source>Modularization stopped; nothing was written.</source>
        <translation>模块化已停止；未写入任何内容。</translation>
    </message>
    <message>
        <source>Stop modularizing or extracting after the current step; a stopped job writes nothing</source>
        <translation>在当前步骤完成后停止模块化或提取；已停止的任务不会写入任何内容</translation>
    </message>
    <message>
        <source>A standard model of the same dataset to compare the module with on the same classes, as the paper does (nemo extract --baseline). Standard runs beside this run and recent runs are offered; Browse adds another</source>
        <translation>同一数据集上的标准模型，用于在相同类别上与模块比较，与论文做法一致（nemo extract --baseline）。列出本运行旁边的标准运行和最近打开的运行；“浏览”可添加其他运行</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>浏览...</translation>
    </message>
    <message>
        <source>Pick a standard run folder as the baseline</source>
        <translation>选择一个标准运行文件夹作为基线</translation>
    </message>
    <message>
        <source>Standard run folder</source>
        <translation>标准运行文件夹</translation>
    </message>
    <message>
        <source>Compare with</source>
        <translation>比较对象</translation>
    </message>
    <message>
        <source>No standard model</source>
        <translation>无标准模型</translation>
    </message>
    <message>
        <source>Done: module accuracy %1 (full model %2, standard model %3)</source>
        <translation>完成：模块准确率 %1（完整模型 %2，标准模型 %3）</translation>
    </message>
    <message>
        <source>, about %1 s left</source>
        <translation>，约剩 %1 秒</translation>
    </message>
    <message>
        <source>Quick cut</source>
        <translation>快速切出</translation>
    </message>
    <message>
        <source>Cut the module out and measure it without fine-tuning: seconds instead of minutes. Its accuracy shows what the masks alone keep; Extract fine-tunes for the epochs set here</source>
        <translation>不经微调直接切出模块并测量：几秒而非几分钟。其准确率显示仅靠掩码保留了什么；“提取”会按此处设置的轮数进行微调</translation>
    </message>
    <message>
        <source>Training into &lt;b&gt;%1&lt;/b&gt;. Once training has ended (stopped or done) after at least one epoch, modularize it here.</source>
        <translation>正在训练到 &lt;b&gt;%1&lt;/b&gt;。训练至少一轮并结束（停止或完成）后，在此进行模块化。</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; was trained in standard mode, without masks: it has no modules to cut out. It can serve as the standard model to compare modules of NeMo or MwT runs with.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; 以标准模式训练，没有掩码：没有可切出的模块。它可以作为标准模型，与 NeMo 或 MwT 运行的模块进行比较。</translation>
    </message>
    <message>
        <source>A standard run has no masks to modularize</source>
        <translation>标准运行没有可模块化的掩码</translation>
    </message>
    <message numerus="yes">
        <source>Cutting the module for %n class(es), without fine-tuning...</source>
        <translation>
            <numerusform>正在不经微调切出 %n 个类别的模块...</numerusform>
        </translation>
    </message>
    <message>
        <source>Framed: the neurons the module for %1 keeps at threshold %2.</source>
        <translation>加框：%1 的模块在阈值 %2 下保留的神经元。</translation>
    </message>
</context>
<context>
    <name>NetworkView</name>
    <message>
        <source>Start a training, or open a run, to see its network.</source>
        <translation>开始训练或打开一次运行，即可查看其网络。</translation>
    </message>
    <message>
        <source>Click a neuron to see which classes use it and the probe images that switch it on most.</source>
        <translation>点击一个神经元，查看哪些类别使用它以及最能激活它的探针图像。</translation>
    </message>
    <message>
        <source>No masks in this frame.</source>
        <translation>此帧中没有掩码。</translation>
    </message>
    <message>
        <source>Each square is a neuron, coloured by the class that uses it most (paler: used less; grey: used by none). Layers from input (left) to output (right); epoch %1.</source>
        <translation>每个方块是一个神经元，按最常使用它的类别着色（较浅：使用较少；灰色：无类别使用）。层从输入（左）到输出（右）；第 %1 轮。</translation>
    </message>
    <message>
        <source>%1, neuron %2</source>
        <translation>%1，神经元 %2</translation>
    </message>
    <message>
        <source>Mean mask of each class&apos;s probe images:</source>
        <translation>每个类别探针图像的平均掩码：</translation>
    </message>
    <message>
        <source>No probe image switches it on.</source>
        <translation>没有探针图像激活它。</translation>
    </message>
    <message>
        <source>Probe images that switch it on most:</source>
        <translation>最能激活它的探针图像：</translation>
    </message>
    <message>
        <source>%1: mask %2</source>
        <translation>%1：掩码 %2</translation>
    </message>
    <message>
        <source>Save the drawing as PNG or SVG, or every neuron as CSV</source>
        <translation>将图保存为 PNG 或 SVG，或将每个神经元保存为 CSV</translation>
    </message>
    <message>
        <source>Export the network</source>
        <translation>导出网络</translation>
    </message>
    <message>
        <source>There is no network to export yet.</source>
        <translation>尚无可导出的网络。</translation>
    </message>
    <message>
        <source>Neurons by class, epoch %1</source>
        <translation>按类别的神经元，第 %1 轮</translation>
    </message>
</context>
<context>
    <name>OverlapView</name>
    <message>
        <source>Jaccard overlap</source>
        <translation>Jaccard 重叠</translation>
    </message>
    <message>
        <source>Hover a cell to read the overlap of two class modules</source>
        <translation>将鼠标悬停在单元格上可读取两个类别模块的重叠</translation>
    </message>
    <message>
        <source>%1 and %2: no overlap defined (both modules are empty)</source>
        <translation>%1 和 %2：重叠无定义（两个模块都为空）</translation>
    </message>
    <message>
        <source>%1 and %2: Jaccard overlap %3 of their modules&apos; neurons</source>
        <translation>%1 和 %2：模块神经元的 Jaccard 重叠为 %3</translation>
    </message>
    <message>
        <source>Save the overlap map as PNG, SVG or PDF, or as CSV</source>
        <translation>将重叠图保存为 PNG、SVG 或 PDF，或保存为 CSV</translation>
    </message>
    <message>
        <source>Export the module overlap</source>
        <translation>导出模块重叠</translation>
    </message>
    <message>
        <source>There is no overlap to export yet: modularize the run first.</source>
        <translation>尚无可导出的重叠：请先对运行进行模块化。</translation>
    </message>
    <message>
        <source>Module overlap (Jaccard)</source>
        <translation>模块重叠（Jaccard）</translation>
    </message>
</context>
<context>
    <name>PlotExport</name>
    <message>
        <source>There is nothing to export yet.</source>
        <translation>尚无可导出的内容。</translation>
    </message>
    <message>
        <source>NeMo Workbench training curves</source>
        <translation>NeMo 工作台训练曲线</translation>
    </message>
    <message>
        <source>Unknown file type &quot;%1&quot;: use .png, .pdf or .svg.</source>
        <translation>未知的文件类型“%1”：请使用 .png、.pdf 或 .svg。</translation>
    </message>
    <message>
        <source>Unknown file type &quot;%1&quot;: use .png or .svg.</source>
        <translation>未知的文件类型“%1”：请使用 .png 或 .svg。</translation>
    </message>
    <message>
        <source>Could not write %1 (%2). Check that the folder exists and is writable.</source>
        <translation>无法写入 %1（%2）。请检查文件夹是否存在且可写。</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation>CSV 表格 (*.csv)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Export...</source>
        <translation>导出...</translation>
    </message>
</context>
<context>
    <name>RunFollower</name>
    <message>
        <source>%1 is not a run folder: it has no config.json.</source>
        <translation>%1 不是运行文件夹：其中没有 config.json。</translation>
    </message>
</context>
<context>
    <name>RunMetrics</name>
    <message>
        <source>%1 holds no training metrics (metrics.jsonl is missing). Choose a folder written by a training run.</source>
        <translation>%1 中没有训练指标（缺少 metrics.jsonl）。请选择由训练运行写出的文件夹。</translation>
    </message>
    <message>
        <source>%1 has no metrics yet. Compare it once it has trained for a few steps.</source>
        <translation>%1 尚无指标。请在它训练了几步之后再比较。</translation>
    </message>
</context>
<context>
    <name>RunSummary</name>
    <message>
        <source>%1 holds no readable run (%2). Open a folder written by a training run.</source>
        <translation>%1 中没有可读取的运行（%2）。请打开由训练写入的文件夹。</translation>
    </message>
</context>
<context>
    <name>SampleGallery</name>
    <message>
        <source>%1, sample %2</source>
        <translation>%1，样本 %2</translation>
    </message>
</context>
<context>
    <name>SampleMaskView</name>
    <message>
        <source>Class of the probe image to show</source>
        <translation>要显示的探针图像的类别</translation>
    </message>
    <message>
        <source>Which of the class&apos;s probe images</source>
        <translation>该类别的第几张探针图像</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>neuron</source>
        <translation>神经元</translation>
    </message>
    <message>
        <source>mask</source>
        <translation>掩码</translation>
    </message>
    <message>
        <source> of %1</source>
        <translation> / %1</translation>
    </message>
    <message>
        <source>No per-image masks in this frame.</source>
        <translation>此帧中没有单张图像的掩码。</translation>
    </message>
    <message>
        <source>%1: %2 of %3 neurons active</source>
        <translation>%1：%3 个神经元中 %2 个激活</translation>
    </message>
    <message>
        <source>%1, neuron %2: mask %3</source>
        <translation>%1，神经元 %2：掩码 %3</translation>
    </message>
    <message>
        <source>%1 neurons</source>
        <translation>%1神经元</translation>
    </message>
    <message>
        <source>%1: attention %2/%3, MLP %4/%5 active</source>
        <translation>%1：注意力 %2/%3，MLP %4/%5 激活</translation>
    </message>
    <message>
        <source>%1, image %2 of %3</source>
        <translation>%1，第 %2/%3 张图像</translation>
    </message>
    <message>
        <source>neurons, in the heatmap&apos;s order</source>
        <translation>神经元，按热图的顺序</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <source>Language of the workbench; takes effect at the next start</source>
        <translation>工作台的界面语言；下次启动时生效</translation>
    </message>
    <message>
        <source>A new language takes effect when the workbench is started again.</source>
        <translation>新语言将在工作台重新启动后生效。</translation>
    </message>
    <message>
        <source>built-in places</source>
        <translation>内置位置</translation>
    </message>
    <message>
        <source>Folder with one sub-folder per dataset (e.g. DATA/cifar10), as NEMO_DATA_DIR on the command line; empty: Debian&apos;s Fashion-MNIST package and the environment</source>
        <translation>每个数据集一个子文件夹的目录（如 DATA/cifar10），与命令行的 NEMO_DATA_DIR 相同；留空：使用 Debian 的 Fashion-MNIST 软件包和环境变量</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>浏览...</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <source>every core (%1)</source>
        <translation>所有核心（%1）</translation>
    </message>
    <message>
        <source>CPU threads a new training uses unless the Experiment panel says otherwise</source>
        <translation>新训练使用的 CPU 线程数，除非“实验”面板另有设置</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Default threads</source>
        <translation>默认线程数</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Modularize neural networks while they train</source>
        <translation>在训练过程中对神经网络进行模块化</translation>
    </message>
    <message>
        <source>Start the Quick demo at once</source>
        <translation>立即开始快速演示</translation>
    </message>
    <message>
        <source>Save a PNG of the window after N seconds and quit</source>
        <translation>N 秒后保存窗口的 PNG 截图并退出</translation>
    </message>
    <message>
        <source>Seconds before --screenshot</source>
        <translation>--screenshot 之前等待的秒数</translation>
    </message>
    <message>
        <source>Interface language (en, zh_CN, de); default: the one chosen in Preferences, else the system&apos;s</source>
        <translation>界面语言（en、zh_CN、de）；默认：首选项中选择的语言，否则为系统语言</translation>
    </message>
    <message>
        <source>Start the Transformer demo (vit_tiny) at once</source>
        <translation>立即开始 Transformer 演示（vit_tiny）</translation>
    </message>
    <message>
        <source>A run folder to open (followed while it grows), or a study folder</source>
        <translation>要打开的运行文件夹（在增长时持续跟踪）或研究文件夹</translation>
    </message>
    <message>
        <source>Start in presenter mode (full screen, larger text)</source>
        <translation>以演示模式启动（全屏、放大文字）</translation>
    </message>
    <message>
        <source>Cannot open lesson</source>
        <translation>无法打开课程</translation>
    </message>
    <message>
        <source>Tab to show first (0: Training, 1: Neurons, 2: Network, 3: Modules, 4: Data, 5: Compare, 6: Log)</source>
        <translation>首先显示的标签页（0：训练，1：神经元，2：网络，3：模块，4：数据，5：比较，6：日志）</translation>
    </message>
</context>
</TS>
