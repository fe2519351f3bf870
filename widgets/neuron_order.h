// The order in which the Neurons tab draws a layer's neurons when they are sorted by class: each
// neuron goes to the class with the highest mean mask (its "owner"), owners in class order,
// strongest first within a class, so a modular layer shows a block diagonal. The heatmap and the
// one-image strips share it, so a column means the same neuron in both.
#pragma once

#include <vector>

#include "nemo/heatmap_frame.h"

// order[column] = neuron drawn in that column. Identity when `sorted` is false.
std::vector<int> neuronOrder(const nemo::HeatmapFrame::Layer& layer, int classes, bool sorted);

// The class that uses each neuron most (highest mean mask; the first such class on ties).
std::vector<int> neuronOwners(const nemo::HeatmapFrame::Layer& layer, int classes);

// The sorted order for owners already known (neuronOwners of the same layer).
std::vector<int> orderByOwner(const nemo::HeatmapFrame::Layer& layer,
                              const std::vector<int>& owners);
