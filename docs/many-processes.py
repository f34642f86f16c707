#!/usr/bin/env python3
"""Writes N process files with interfaces between some of them, for a picture of the process map of a large site.

    python3 docs/many-processes.py OUT_DIR N

Each file is the example oro-for-anknytning.yaml under a new id, name and owner (14 owners, a few with most of the
processes), and about half of them name one to three other processes as interfaces, most often of the same owner.
The numbers come from a fixed seed, so the picture is the same every time.
"""
import os
import random
import re
import shutil
import sys

out, n = sys.argv[1], int(sys.argv[2])
here = os.path.dirname(os.path.abspath(__file__))
source = open(os.path.join(here, "..", "processes", "oro-for-anknytning.yaml"), encoding="utf-8").read()
rnd = random.Random(12)
owners = ["Socialdirektören", "Barnrådgivningen", "Familjecentralen i Grästorp (socialtjänsten och Capio BHV)",
          "Äldreomsorgen", "Hemvården", "Handikappservice", "Mentalvårdsenheten", "Missbrukarvården",
          "Barnskyddet", "Vuxensocialarbetet", "Hälsocentralen", "Tandvården", "Ekonomiförvaltningen",
          "Personalenheten"]
first = ["Bedömning av", "Uppföljning av", "Stöd för", "Planering av", "Handläggning av", "Anmälan om",
         "Samarbete kring", "Tidigt stöd vid", "Utredning av", "Vård av"]
second = ["servicebehov", "närståendevård", "barnskyddsanmälan", "hemvård för äldre", "missbruksproblem",
          "psykisk ohälsa hos unga", "ekonomiskt bistånd", "familjearbete", "funktionsnedsättning", "boendeservice",
          "långvariga vård- och servicebehov", "rehabilitering efter sjukhusvistelse", "läkemedelsbehandling",
          "Toimeentulotukikäsittelijäharjoittelu", "munhälsa", "vaccinationer", "skolhälsovård", "arbetshälsa"]

shutil.rmtree(out, ignore_errors=True)
os.makedirs(out)
processes = []
for i in range(n):
    name = f"{rnd.choice(first)} {rnd.choice(second)}"
    if rnd.random() < 0.2:
        name += " inom " + rnd.choice(["dagvården", "hemmet", "skolan", "kommunen"])
    if rnd.random() < 0.5:
        owner = owners[min(int(rnd.paretovariate(1.2)) - 1, len(owners) - 1)]
    else:
        owner = rnd.choice(owners)
    processes.append((f"p{i:03d}-process", f"{name} ({i})", owner))
for i, (pid, name, owner) in enumerate(processes):
    targets = set()
    if rnd.random() < 0.55:
        for _ in range(rnd.choice([1, 1, 1, 2, 2, 3])):
            if rnd.random() < 0.6:
                same = [j for j, p in enumerate(processes) if p[2] == owner and j != i]
                if same:
                    targets.add(rnd.choice(same))
                    continue
            j = rnd.randrange(n)
            if j != i:
                targets.add(j)
    text = (source.replace("id: oro-for-anknytning", f"id: {pid}")
            .replace("name: Oro för anknytning", f"name: {name}")
            .replace("owner: Elina Sandkulla", f"owner: {owner}"))
    interfaces = "interfaces:\n" + "".join(f"  - process: {processes[j][0]}\n" for j in sorted(targets))
    interfaces += "  - EPDS-screening\n"
    text = re.sub(r"interfaces:\n(  - .*\n)+", interfaces, text)
    with open(os.path.join(out, f"{pid}.yaml"), "w", encoding="utf-8") as file:
        file.write(text)
