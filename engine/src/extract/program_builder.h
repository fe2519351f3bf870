// Cuts a trained network down to the units a module keeps (docs/method.md §7): every masked layer
// keeps the units of its index set, its inputs follow the previous layer's set, residual adds
// work on the union of both sides' sets, generators are dropped.
#pragma once

#include <vector>

#include "extract/module_program.h"
#include "models/network.h"

namespace nemo {

// keep[l]: ascending unit indices kept in masked layer l (mask order). An empty `keep` keeps
// everything (the full model without generators, for size and latency comparisons).
std::vector<ProgramOp> buildPrunedProgram(NetworkImpl& full,
                                          const std::vector<std::vector<int64_t>>& keep);

// The module of §7.7: the pruned program plus its head. CNNs keep their classifier and get
// ReLU + Linear(num_classes -> targets) after it; Transformers replace their classifier(s) by
// ReLU + Linear(hidden -> targets) on the class token.
// The head is freshly initialised, as the published code does before fine-tuning, unless
// `headFromClasses` (the target classes) is given: then it starts from the full model's own
// classifier for those classes, so a module cut without fine-tuning (the workbench's quick cut)
// already answers. CNNs: the head selects the targets' logits (weight one-hot, bias 0), exact
// except that the ReLU maps negative logits to 0. Transformers: the head takes the classifier's
// rows of the targets (DeiT: the mean of both heads' rows), applied after the ReLU of the class
// token, so it is an approximation.
std::vector<ProgramOp> buildModuleProgram(NetworkImpl& full,
                                          const std::vector<std::vector<int64_t>>& keep,
                                          int64_t numClasses, int64_t targets,
                                          const std::vector<int>& headFromClasses = {});

// Appends the module head of §7.7: ReLU + Linear(num_classes -> targets), freshly initialised.
void appendModuleHead(std::vector<ProgramOp>& ops, int64_t numClasses, int64_t targets);

// Splits a K-long 0/1 module mask into ascending index sets per layer.
std::vector<std::vector<int64_t>> keepSetsFromMask(const std::vector<uint8_t>& mask,
                                                   const std::vector<int64_t>& widths);

}  // namespace nemo
