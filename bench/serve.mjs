// The browser half of bench/serve.sh: how long from saving a process file to the reloaded page in headless
// Chromium, over the DevTools protocol (puppeteer-core).
//
//   NODE_MODULES=… CHROMIUM=… node bench/serve.mjs URL FILE RUNS
//
// URL is the page of the process in FILE, served by `proc serve`. Each run rewrites the name of the process in
// FILE (alternating between two names), and measures until the page has reloaded and shows the new name.
import { launch, requireFrom } from "./chromium.mjs";
import { readFileSync, writeFileSync } from "node:fs";

const require = requireFrom(process.env.NODE_MODULES);
const puppeteer = require("puppeteer-core");

const [url, file, runsText] = process.argv.slice(2);
const runs = Number(runsText ?? 20);
const original = readFileSync(file, "utf8");
const nameLine = original.match(/^name: .*$/m);
if (!nameLine) {
  console.error(`no top-level name: line in ${file}`);
  process.exit(2);
}

const browser = await launch(puppeteer);
const times = [];
try {
  const page = await browser.newPage();
  await page.goto(url, { waitUntil: "load" });
  for (let run = 0; run < runs; run++) {
    const name = `Mätning ${run} av omladdning`;
    const reloaded = page.waitForNavigation({ waitUntil: "load", timeout: 10000 });
    const start = performance.now();
    writeFileSync(file, original.replace(nameLine[0], `name: ${name}`));
    await reloaded;
    await page.waitForFunction((name) => document.body.innerText.includes(name), { timeout: 10000 }, name);
    times.push(performance.now() - start);
    // Let the page open its event stream again before the next save.
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
} finally {
  writeFileSync(file, original);
  await browser.close();
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(
  `save → reloaded page: median ${median.toFixed(0)} ms, fastest ${times[0].toFixed(0)} ms, slowest ` +
    `${times[times.length - 1].toFixed(0)} ms (${times.length} saves)`,
);
