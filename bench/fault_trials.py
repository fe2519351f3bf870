#!/usr/bin/env python3
"""Fault trials: kill -9 during train, modularize and extract, then a corpus of damaged files.

Each killed command is run again (train with --resume) until it finishes; the result must be
byte-identical to an uninterrupted reference, and no temporary file may be left. Then every file
of a run, of a module and of the dataset is truncated and bit-flipped, and the command reading it
must either refuse it with a clean one-line error (exit 1, "nemo: error: ...") or give exactly the
reference result. Anything else is counted as a crash (signal, other exit code, timeout) or a
silent wrong result.

    python3 bench/fault_trials.py [--nemo build/bin/nemo] [--kills 8] [--seed 1] [--json out.json]

Uses Fashion-MNIST (dataset-fashion-mnist) and tinycnn on 2,000 images, one thread, so that runs
are deterministic. Takes a few minutes on two cores.
"""
import argparse
import glob
import gzip
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

FM = "/usr/share/datasets/fashion-mnist"
TRAIN = ["--model", "tinycnn", "--epochs", "3", "--limit-train", "2000", "--limit-test", "500",
         "--threads", "1", "--seed", "7", "--batch-size", "64"]


def sha(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


class Nemo:
    def __init__(self, binary, data_dir):
        self.binary = binary
        self.data_dir = data_dir

    def run(self, args, timeout=300):
        try:
            p = subprocess.run([self.binary] + args, capture_output=True, text=True,
                               errors="replace", timeout=timeout)
            return p.returncode, p.stderr
        except subprocess.TimeoutExpired:
            return "timeout", ""

    def start(self, args):
        return subprocess.Popen([self.binary] + args, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)


def temp_files(folder):
    return [p for p in glob.glob(folder + "/**/*.tmp.*", recursive=True)]


def kill_at_random(nemo, args, rng, longest):
    """Starts `args`, kills it with SIGKILL at a random moment; True when it was still running."""
    p = nemo.start(args)
    time.sleep(rng.uniform(0.1 * longest, longest))
    alive = p.poll() is None
    if alive:
        p.kill()
    p.wait()
    return alive


def kill_trials(nemo, work, rng, kills):
    results = {}
    ref = os.path.join(work, "ref")
    t0 = time.time()
    rc, err = nemo.run(["train", "--out", ref] + TRAIN)
    assert rc == 0, err
    train_seconds = time.time() - t0
    # Kills land within each command's own duration, measured here.
    t0 = time.time()
    rc, err = nemo.run(["modularize", ref, "--threads", "1"])
    assert rc == 0, err
    modularize_seconds = time.time() - t0
    t0 = time.time()
    rc, err = nemo.run(["extract", ref, "--classes", "0,1", "--finetune-epochs", "1",
                        "--threads", "1"])
    assert rc == 0, err
    extract_seconds = time.time() - t0
    want_final = sha(ref + "/checkpoints/final.pt")
    want_masks = sha(ref + "/modular/sample_masks.bin")
    want_freq = sha(ref + "/modular/frequencies.json")
    want_module = sha(ref + "/modules/classes_0_1/module.safetensors")

    # train: killed at random moments (several times per trial), resumed until it finishes.
    same = killed = 0
    for i in range(kills):
        run = os.path.join(work, "train%d" % i)
        first = True
        while True:
            args = ["train", "--out", run] + TRAIN + ([] if first else ["--resume"])
            if not os.path.exists(run + "/config.json"):
                shutil.rmtree(run, ignore_errors=True)
                args = ["train", "--out", run] + TRAIN
            if rng.random() < 0.7 and killed < 3 * kills:
                killed += kill_at_random(nemo, args, rng, train_seconds)
                first = False
                continue
            rc, err = nemo.run(args)
            if rc != 0:
                print("train trial %d: %s" % (i, err.strip()), file=sys.stderr)
            break
        ok = (os.path.exists(run + "/checkpoints/final.pt")
              and sha(run + "/checkpoints/final.pt") == want_final and not temp_files(run))
        same += ok
    results["train"] = {"trials": kills, "kills": killed, "identical": same}

    def kill_and_rerun(name, leave_out, args_for, seconds, outputs):
        # A copy of the reference run without `leave_out`, the command killed at a random moment
        # and run again: every file in `outputs` must then be byte-identical to the reference's.
        same = killed = 0
        for i in range(kills):
            run = os.path.join(work, "%s%d" % (name[:3], i))
            shutil.copytree(ref, run, ignore=shutil.ignore_patterns(*leave_out))
            args = args_for(run)
            killed += kill_at_random(nemo, args, rng, 0.95 * seconds)
            rc, err = nemo.run(args)
            ok = (rc == 0 and all(os.path.exists(run + "/" + f) and sha(run + "/" + f) == want
                                  for f, want in outputs.items())
                  and not temp_files(run))
            same += ok
        results[name] = {"trials": kills, "kills": killed, "identical": same}

    # modularize: a copy of the reference run without modular/, killed, run again.
    kill_and_rerun("modularize", ["modular", "modules"],
                   lambda run: ["modularize", run, "--threads", "1"], modularize_seconds,
                   {"modular/sample_masks.bin": want_masks, "modular/frequencies.json": want_freq})
    # extract: killed during fine-tuning or saving, run again.
    kill_and_rerun("extract", ["modules"],
                   lambda run: ["extract", run, "--classes", "0,1", "--finetune-epochs", "1",
                                "--threads", "1"], extract_seconds,
                   {"modules/classes_0_1/module.safetensors": want_module})
    return ref, results


def damaged_variants(data, rng, flips):
    """(name, bytes): truncations at several points, then single-byte changes."""
    n = len(data)
    out = []
    for frac in (0.0, 0.01, 0.1, 0.5, 0.9):
        cut = int(n * frac)
        out.append(("cut%d" % cut, data[:cut]))
    out.append(("cut-1", data[:-1]))
    out.append(("appended", data + b"\0" * 64))
    positions = sorted(set([0, 1, 7, 8, 9, n // 2, n - 1] +
                           [rng.randrange(n) for _ in range(flips)]))
    for pos in positions:
        if 0 <= pos < n:
            b = bytearray(data)
            b[pos] ^= 1 << rng.randrange(8)
            out.append(("flip%d" % pos, bytes(b)))
    return out


def corpus_trials(nemo, work, ref, rng, flips):
    """Each damaged file in a copy of the reference; the command must refuse or agree."""
    module = ref + "/modules/classes_0_1"
    rc, err = nemo.run(["eval", module, "--json"])
    assert rc == 0, err

    # (file to damage, command, how to read back the result for comparison)
    def modularize(run):
        return ["modularize", run, "--threads", "1"]

    targets = [
        ("checkpoints/final.pt", modularize, "modular/frequencies.json"),
        ("checkpoints/last.pt",
         lambda run: ["train", "--out", run, "--resume", "--epochs", "3", "--threads", "1"],
         "checkpoints/final.pt"),
        ("modular/sample_masks.bin",
         lambda run: ["modularize", run, "--threads", "1"], "modular/frequencies.json"),
        # config.json is meant to be read and edited by people (an edit is validated, not
        # refused), so it gets truncations only.
        ("config.json", modularize, "modular/frequencies.json"),
        ("modules/classes_0_1/module.json",
         lambda run: ["eval", run + "/modules/classes_0_1"], None),
        ("modules/classes_0_1/module.safetensors",
         lambda run: ["eval", run + "/modules/classes_0_1"], None),
    ]
    summary = {}
    for rel, command, result_file in targets:
        original = open(os.path.join(ref, rel), "rb").read()
        stats = {"cases": 0, "clean_error": 0, "same_result": 0, "crash": 0, "silent_wrong": 0}
        variants = damaged_variants(original, rng, flips)
        if rel == "config.json":
            variants = [(n, d) for n, d in variants if n.startswith("cut")]
        for name, data in variants:
            run = os.path.join(work, "bad")
            shutil.rmtree(run, ignore_errors=True)
            shutil.copytree(ref, run)
            if result_file:  # recomputed by the command: the reference value is ref's
                want = sha(os.path.join(ref, result_file))
            with open(os.path.join(run, rel), "wb") as f:
                f.write(data)
            rc, err = nemo.run(command(run))
            stats["cases"] += 1
            if rc == 1 and err.strip().splitlines()[-1:] and "nemo: error:" in err:
                stats["clean_error"] += 1
            elif rc == 0:
                same = True
                if result_file:
                    same = sha(os.path.join(run, result_file)) == want
                else:
                    same = nemo.run(["eval", run + "/modules/classes_0_1"])[1] == \
                        nemo.run(["eval", ref + "/modules/classes_0_1"])[1]
                stats["same_result" if same else "silent_wrong"] += 1
                if not same:
                    print("silent wrong result: %s %s" % (rel, name), file=sys.stderr)
            else:
                stats["crash"] += 1
                print("crash (%s): %s %s\n%s" % (rc, rel, name, err[-500:]), file=sys.stderr)
        summary[rel] = stats

    # Dataset files: a copy of Fashion-MNIST's, damaged one at a time (truncations and header
    # bytes; pixel bytes have no checksum in the idx format, the .gz CRC catches them).
    data_dir = os.path.join(work, "data")
    for gz in sorted(glob.glob(FM + "/*.gz")):
        original = open(gz, "rb").read()
        rel = "fashion-mnist/" + os.path.basename(gz)
        stats = {"cases": 0, "clean_error": 0, "same_result": 0, "crash": 0, "silent_wrong": 0}
        raw = gzip.decompress(original)
        variants = [(n, d) for n, d in damaged_variants(original, rng, flips)]
        # The decompressed header damaged, then compressed again: the reader's own checks.
        for pos in range(0, 16, 3):
            b = bytearray(raw)
            b[pos] ^= 0x40
            variants.append(("header%d" % pos, gzip.compress(bytes(b), compresslevel=1)))
        variants.append(("raw-cut", gzip.compress(raw[: len(raw) // 3], compresslevel=1)))
        for name, data in variants:
            shutil.rmtree(data_dir, ignore_errors=True)
            shutil.copytree(FM, data_dir)
            with open(os.path.join(data_dir, os.path.basename(gz)), "wb") as f:
                f.write(data)
            out = os.path.join(work, "dtrain")
            shutil.rmtree(out, ignore_errors=True)
            rc, err = nemo.run(["train", "--data-dir", data_dir, "--out", out, "--epochs", "1",
                                "--model", "tinycnn", "--limit-train", "256", "--limit-test",
                                "64", "--threads", "1"])
            stats["cases"] += 1
            if rc == 1 and "nemo: error:" in err:
                stats["clean_error"] += 1
            elif rc == 0:
                # A flip inside a gzip member that still decompresses is impossible (CRC-32);
                # rc 0 means the damage did not reach the images used.
                stats["same_result"] += 1
            else:
                stats["crash"] += 1
                print("crash (%s): %s %s\n%s" % (rc, rel, name, err[-500:]), file=sys.stderr)
        summary[rel] = stats
    return summary


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nemo", default="build/bin/nemo")
    parser.add_argument("--kills", type=int, default=8, help="trials per command")
    parser.add_argument("--flips", type=int, default=6, help="random byte flips per file")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", help="write the summary here")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    nemo = Nemo(os.path.abspath(args.nemo), FM)
    work = tempfile.mkdtemp(prefix="nemo-faults-")
    try:
        started = time.time()
        ref, kills = kill_trials(nemo, work, rng, args.kills)
        corpus = corpus_trials(nemo, work, ref, rng, args.flips)
        summary = {"kill_trials": kills, "corpus": corpus,
                   "seconds": round(time.time() - started, 1)}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for command, r in kills.items():
        print("kill -9 %-10s %2d trials, %2d kills, %2d byte-identical after rerun" %
              (command, r["trials"], r["kills"], r["identical"]))
    totals = {"cases": 0, "clean_error": 0, "same_result": 0, "crash": 0, "silent_wrong": 0}
    for rel, s in corpus.items():
        print("damaged %-40s %3d cases: %3d clean errors, %3d same result, %d crashes, "
              "%d silent wrong" % (rel, s["cases"], s["clean_error"], s["same_result"],
                                    s["crash"], s["silent_wrong"]))
        for k in totals:
            totals[k] += s[k]
    print("corpus total: %(cases)d cases, %(clean_error)d clean errors, %(same_result)d same "
          "result, %(crash)d crashes, %(silent_wrong)d silent wrong" % totals)
    summary["corpus_total"] = totals
    if args.json:
        with open(args.json, "w") as f:
            json.dump(summary, f, indent=2)
    bad = totals["crash"] + totals["silent_wrong"] + sum(
        r["trials"] - r["identical"] for r in kills.values())
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
