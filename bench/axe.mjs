// Runs axe-core inside headless Chromium on every HTML file of a rendered site, at each given width, and prints the
// violations. Called by bench/axe.sh, which installs axe-core and puppeteer-core into a temporary folder and sets
// NODE_PATH to it; see there for how to run it.
//
//   node bench/axe.mjs SITE_DIR PROFILE_DIR WIDTH...
//
// Exit status: 0 no violations, 1 violations, 2 setup error (Chromium does not start, a page does not load).
import { launch, requireFrom } from "./chromium.mjs";
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

// The packages live in the temporary folder, not next to this file: resolve them from NODE_PATH's folder.
const require = requireFrom(process.env.AXE_NODE_MODULES);
const puppeteer = require("puppeteer-core");
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const axeVersion = require("axe-core/package.json").version;

// WCAG 2.1 level A and AA, as issue 12 asks; the best-practice rules are left out on purpose: they are not law
// (Act 306/2019 points to EN 301 549, which is WCAG 2.1 AA).
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
// How many offending elements of one rule to print: enough to find them, not a wall of selectors.
const SHOWN_NODES = 3;

const [siteArg, profile, ...widthArgs] = process.argv.slice(2);
if (!siteArg || !profile || widthArgs.length === 0) {
  console.error("usage: node bench/axe.mjs SITE_DIR PROFILE_DIR WIDTH...");
  process.exit(2);
}
const site = resolve(siteArg);
const widths = widthArgs.map(Number);
// The index first (it is what readers open), then the process pages by name, so the output is stable.
const pages = readdirSync(site)
  .filter((name) => name.endsWith(".html"))
  .sort((a, b) => (a === "index.html" ? -1 : b === "index.html" ? 1 : a.localeCompare(b)));
if (pages.length === 0) {
  console.error(`no HTML pages in ${site}`);
  process.exit(2);
}

const browser = await launch(puppeteer, { profile });

let total = 0;
let failedRuns = 0;
const byRule = new Map();
try {
  const page = await browser.newPage();
  // The pages make no requests; one that does is a finding of its own, so say so.
  page.on("request", (request) => {
    if (!request.url().startsWith("file:") && !request.url().startsWith("data:")) {
      console.log(`  note: the page requested ${request.url()}`);
    }
  });
  for (const name of pages) {
    for (const width of widths) {
      // Below 600 px as a phone: the page's viewport meta tag then decides the layout, as on a real phone.
      await page.setViewport({ width, height: 900, isMobile: width < 600, hasTouch: width < 600 });
      await page.goto(pathToFileURL(join(site, name)).href, { waitUntil: "load" });
      await page.evaluate(axeSource);
      const result = await page.evaluate(
        (tags) => globalThis.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] }),
        TAGS,
      );
      const count = result.violations.reduce((sum, rule) => sum + rule.nodes.length, 0);
      total += count;
      if (count > 0) failedRuns += 1;
      console.log(`${name} at ${width} px: ${count} violation${count === 1 ? "" : "s"}`);
      for (const rule of result.violations) {
        byRule.set(rule.id, (byRule.get(rule.id) ?? 0) + rule.nodes.length);
        console.log(`  ${rule.id} (${rule.impact}, ${rule.nodes.length}×): ${rule.help}`);
        console.log(`    ${rule.helpUrl}`);
        for (const node of rule.nodes.slice(0, SHOWN_NODES)) {
          console.log(`    - ${node.target.join(" ")}`);
          console.log(`      ${oneLine(node.html, 160)}`);
          if (node.failureSummary) console.log(`      ${oneLine(node.failureSummary, 240)}`);
        }
        if (rule.nodes.length > SHOWN_NODES) console.log(`    … and ${rule.nodes.length - SHOWN_NODES} more`);
      }
      // "Incomplete" are checks axe could not decide (text over an image, say): not violations, but worth a look.
      const unsure = result.incomplete.filter((rule) => rule.nodes.length > 0);
      if (unsure.length > 0) {
        console.log("  needs a human look (axe could not decide):");
        for (const rule of unsure) {
          const first = rule.nodes[0];
          const why = [...first.any, ...first.all, ...first.none].map((check) => check.message).find(Boolean) ?? "";
          console.log(`    ${rule.id} ${rule.nodes.length}×, e.g. ${first.target.join(" ")}: ${oneLine(why, 160)}`);
        }
      }
    }
  }
} catch (error) {
  console.error(`axe run failed: ${error.message}`);
  await browser.close();
  process.exit(2);
}
await browser.close();

if (byRule.size > 0) {
  const list = [...byRule].map(([id, n]) => `${id} ${n}×`).join(", ");
  console.log(`by rule: ${list}`);
}
const runs = `${pages.length} page${pages.length === 1 ? "" : "s"} × ${widths.length} width${widths.length === 1 ? "" : "s"}`;
const where = total > 0 ? ` (in ${failedRuns} of ${pages.length * widths.length} runs)` : "";
console.log(`axe-core ${axeVersion}, WCAG 2.1 A/AA: ${total} violation${total === 1 ? "" : "s"} on ${runs}${where}`);
process.exit(total > 0 ? 1 : 0);

/** HTML and failure summaries can be long and span lines; one shortened line each keeps the report readable. */
function oneLine(text, max) {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
