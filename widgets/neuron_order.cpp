#include "neuron_order.h"

#include <algorithm>
#include <numeric>

std::vector<int> neuronOwners(const nemo::HeatmapFrame::Layer& layer, int classes) {
    std::vector<int> owner(size_t(layer.units), 0);
    for (int j = 0; j < layer.units; ++j) {
        int c = 0;
        for (int k = 1; k < classes; ++k)
            if (layer.at(k, j) > layer.at(c, j)) c = k;
        owner[size_t(j)] = c;
    }
    return owner;
}

std::vector<int> orderByOwner(const nemo::HeatmapFrame::Layer& layer,
                              const std::vector<int>& owner) {
    std::vector<int> order(size_t(layer.units));
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        if (owner[size_t(a)] != owner[size_t(b)]) return owner[size_t(a)] < owner[size_t(b)];
        return layer.at(owner[size_t(a)], a) > layer.at(owner[size_t(b)], b);
    });
    return order;
}

std::vector<int> neuronOrder(const nemo::HeatmapFrame::Layer& layer, int classes, bool sorted) {
    if (!sorted || classes <= 0 || layer.values.size() < size_t(classes) * size_t(layer.units)) {
        std::vector<int> order(size_t(layer.units));
        std::iota(order.begin(), order.end(), 0);
        return order;
    }
    return orderByOwner(layer, neuronOwners(layer, classes));
}
