#!/usr/bin/env python3
"""Loads a module.pt saved by the C++ engine with torch.jit.load and compares its outputs with the
engine's on the same inputs. Usage: check_module.py MODULE_DIR INPUT.bin OUTPUT.bin
INPUT.bin / OUTPUT.bin: int64 rank, int64 dims..., float32 data (little-endian)."""
import struct
import sys

import torch


def read_tensor(path):
    with open(path, 'rb') as f:
        rank = struct.unpack('<q', f.read(8))[0]
        shape = struct.unpack('<' + 'q' * rank, f.read(8 * rank))
        data = f.read()
    return torch.frombuffer(bytearray(data), dtype=torch.float32).reshape(shape)


def main():
    module_dir, input_path, output_path = sys.argv[1:4]
    module = torch.jit.load(module_dir + '/module.pt')
    module.eval()
    x, expected = read_tensor(input_path), read_tensor(output_path)
    with torch.no_grad():
        got = module(x)
    err = (got - expected).abs().max().item()
    print(f'max abs difference {err:.3g} over {tuple(got.shape)}')
    sys.exit(0 if got.shape == expected.shape and err < 1e-4 else 1)


if __name__ == '__main__':
    main()
