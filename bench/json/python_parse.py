#!/usr/bin/env python3
"""The baseline for the parser figures: the standard library's json.loads on the same page, timed the same
way (best and median CPU time of ROUNDS rounds). Usage: python_parse.py FILE ROUNDS"""
import json
import sys
import time

path, rounds = sys.argv[1], int(sys.argv[2])
with open(path, "rb") as file:
    data = file.read()
times = []
for _ in range(rounds):
    start = time.process_time()
    json.loads(data)
    times.append(time.process_time() - start)
times.sort()
megabytes = len(data) / 1e6
print(f"{'python json.loads':<24} best {megabytes / times[0]:.0f} MB/s  median {megabytes / times[len(times) // 2]:.0f} MB/s"
      "  (CPU time)")
