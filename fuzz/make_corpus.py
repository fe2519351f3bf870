#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpus (fuzz/corpus/<target>/): a few tiny valid files in each
format, written here from the format descriptions rather than by the readers under test.
Deterministic (gzip without a timestamp), so rerunning it changes nothing."""
import gzip
import json
import os
import struct
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))


def put(target, name, data):
    folder = os.path.join(HERE, "corpus", target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def gz(data):
    return gzip.compress(data, mtime=0)


# ---- idx: big-endian magic and sizes, then bytes ------------------------------------------------
def idx_images(count, rows, cols):
    pixels = bytes((i * 37) % 256 for i in range(count * rows * cols))
    return struct.pack(">IIII", 2051, count, rows, cols) + pixels


def idx_labels(labels):
    return struct.pack(">II", 2049, len(labels)) + bytes(labels)


put("fuzz_idx_images", "two-4x4", idx_images(2, 4, 4))
put("fuzz_idx_images", "three-3x5.gz", gz(idx_images(3, 3, 5)))
put("fuzz_idx_images", "one-28x28.gz", gz(idx_images(1, 28, 28)))
put("fuzz_idx_labels", "three", idx_labels([0, 9, 4]))
put("fuzz_idx_labels", "five.gz", gz(idx_labels([1, 2, 3, 4, 5])))

# ---- CIFAR binary: label byte(s), then 3072 pixel bytes -------------------------------------------
def cifar_record(labels, seed):
    return bytes(labels) + bytes((seed + i * 7) % 256 for i in range(3072))


put("fuzz_cifar", "cifar10-one", cifar_record([3], 1))
put("fuzz_cifar", "cifar10-two", cifar_record([0], 2) + cifar_record([9], 3))
put("fuzz_cifar", "cifar100-one", cifar_record([19, 99], 4))

# ---- MATLAB v5 (SVHN: X 32x32x3xN uint8, y Nx1) ---------------------------------------------------
MI_INT8, MI_UINT8, MI_INT32, MI_UINT32, MI_DOUBLE, MI_MATRIX, MI_COMPRESSED = 1, 2, 5, 6, 9, 14, 15
MX_DOUBLE, MX_UINT8 = 6, 9


def element(e, mi_type, data, small_ok=True):
    if small_ok and len(data) <= 4:  # small data element: type and size share one word
        return struct.pack(e + "I", (len(data) << 16) | mi_type) + data + bytes(4 - len(data))
    return struct.pack(e + "II", mi_type, len(data)) + data + bytes(-len(data) % 8)


def matrix(e, name, mx_class, dims, mi_type, values):
    fmt = {MI_UINT8: "B", MI_DOUBLE: "d"}[mi_type]
    content = (element(e, MI_UINT32, struct.pack(e + "II", mx_class, 0), False) +
               element(e, MI_INT32, struct.pack(e + "%di" % len(dims), *dims), False) +
               element(e, MI_INT8, name.encode()) +
               element(e, mi_type, struct.pack(e + "%d%s" % (len(values), fmt), *values)))
    return struct.pack(e + "II", MI_MATRIX, len(content)) + content


def compressed(e, var):
    packed = zlib.compress(var)
    return struct.pack(e + "II", MI_COMPRESSED, len(packed)) + packed


def mat_file(e, variables):
    text = b"MATLAB 5.0 MAT-file, written by nemo fuzz/make_corpus.py".ljust(116)
    return text + bytes(8) + struct.pack(e + "H", 0x0100) + struct.pack(e + "H", 0x4D49) + variables


def svhn(e, count, labels_as, rank=4, compress=False):
    dims = [32, 32, 3, count][:rank]
    x = matrix(e, "X", MX_UINT8, dims, MI_UINT8, [(i * 13) % 256 for i in range(3072 * count)])
    labels = [(i % 10) + 1 for i in range(count)]
    y = matrix(e, "y", MX_DOUBLE, [count, 1], labels_as, labels)
    if compress:
        x, y = compressed(e, x), compressed(e, y)
    return mat_file(e, x + y)


put("fuzz_svhn_mat", "one-uncompressed.mat", svhn("<", 1, MI_DOUBLE, rank=3))
put("fuzz_svhn_mat", "two-compressed.mat", svhn("<", 2, MI_UINT8, compress=True))
put("fuzz_svhn_mat", "one-big-endian.mat", svhn(">", 1, MI_UINT8))
put("fuzz_svhn_mat", "three-compressed-big-endian.mat", svhn(">", 3, MI_DOUBLE, compress=True))

# ---- sample_masks.bin: "NEMOSMK2", rows, cols, layers, augmented, stamp; widths; labels; rows;
# CRC-32 of everything before it as a 64-bit word ----
def sample_masks(widths, labels, augmented, words_of_row):
    cols = sum(widths)
    words = (cols + 63) // 64
    out = struct.pack("<8s5q", b"NEMOSMK2", len(labels), cols, len(widths), augmented, 424242)
    out += struct.pack("<%dq" % len(widths), *widths) + struct.pack("<%dq" % len(labels), *labels)
    for r in range(len(labels)):
        out += struct.pack("<%dQ" % words, *words_of_row(r, cols, words))
    return out + struct.pack("<Q", zlib.crc32(out))


def some_bits(r, cols, words):
    row = [0] * words
    for c in range(r % 3, cols, 3):
        row[c // 64] |= 1 << (c % 64)
    return row


put("fuzz_sample_masks", "three-by-75", sample_masks([70, 5], [2, 0, 1], 1, some_bits))
put("fuzz_sample_masks", "four-by-208", sample_masks([16, 64, 64, 64], [0, 1, 2, 3], 0, some_bits))
put("fuzz_sample_masks", "one-by-1", sample_masks([1], [7], 0, lambda r, c, w: [1]))


# ---- module files: module.json's "program", a NUL byte, then module.safetensors ----
def safetensors(tensors):
    """tensors: [(name, dtype, shape, packed bytes)], laid out in order."""
    header, offset, blob = {}, 0, b""
    for name, dtype, shape, data in tensors:
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blob += data
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    return struct.pack("<Q", len(text)) + text + blob


def floats(n, scale=0.1):
    return struct.pack("<%df" % n, *[scale * ((i * 7) % 5 - 2) for i in range(n)])


def module(program, tensors):
    return json.dumps(program).encode() + b"\0" + safetensors(tensors)


conv_program = [
    {"op": "conv", "name": "conv1", "padding": 1, "tensors": ["weight", "bias"]},
    {"op": "relu"}, {"op": "max_pool2"}, {"op": "avg_pool1"}, {"op": "flatten"},
    {"op": "linear", "name": "fc", "tensors": ["weight", "bias"]},
]
conv_tensors = [("conv1_weight", "F32", [3, 1, 3, 3], floats(27)), ("conv1_bias", "F32", [3], floats(3)),
                ("fc_weight", "F32", [2, 3], floats(6)), ("fc_bias", "F32", [2], floats(2))]
put("fuzz_module_files", "conv-relu-linear", module(conv_program, conv_tensors))
residual_program = [
    {"op": "conv", "name": "c1", "padding": 1, "tensors": ["weight"]},
    {"op": "batch_norm", "name": "bn1", "tensors": ["weight", "bias", "running_mean", "running_var"]},
    {"op": "save", "slot": 1},
    {"op": "conv", "name": "c2", "padding": 1, "tensors": ["weight"]},
    {"op": "scatter_add", "name": "add", "slot": 1, "width": 4,
     "tensors": ["index_x", "index_slot", "index_out"]},
    {"op": "avg_pool1"}, {"op": "flatten"},
    {"op": "linear", "name": "fc", "tensors": ["weight", "bias"]},
]
residual_tensors = [
    ("c1_weight", "F32", [3, 1, 3, 3], floats(27)),
    ("bn1_weight", "F32", [3], floats(3, 1.0)), ("bn1_bias", "F32", [3], floats(3)),
    ("bn1_running_mean", "F32", [3], floats(3)), ("bn1_running_var", "F32", [3], struct.pack("<3f", 1, 1, 1)),
    ("c2_weight", "F32", [2, 3, 3, 3], floats(54)),
    ("add_index_x", "I64", [2], struct.pack("<2q", 0, 3)),
    ("add_index_slot", "I64", [3], struct.pack("<3q", 0, 1, 2)),
    ("add_index_out", "I64", [4], struct.pack("<4q", 0, 1, 2, 3)),
    ("fc_weight", "F32", [2, 4], floats(8)), ("fc_bias", "F32", [2], floats(2)),
]
put("fuzz_module_files", "residual-add", module(residual_program, residual_tensors))
