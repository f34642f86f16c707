// Full-height screenshots of every HTML file of a rendered site at each given width, in headless Chromium. Called by
// docs/screenshot.sh, which installs puppeteer-core into a temporary folder; see there for how to run it.
//
//   node docs/screenshot.mjs SITE_DIR OUT_DIR PROFILE_DIR WIDTH...
//
// Writes OUT_DIR/STEM-WIDTH.png for each page STEM.html and prints the names.
import { launch, requireFrom } from "../bench/chromium.mjs";
import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

// The package lives in the temporary folder, not next to this file.
const require = requireFrom(process.env.NODE_MODULES_DIR);
const puppeteer = require("puppeteer-core");

const [siteArg, outArg, profile, ...widthArgs] = process.argv.slice(2);
if (!siteArg || !outArg || !profile || widthArgs.length === 0) {
  console.error("usage: node docs/screenshot.mjs SITE_DIR OUT_DIR PROFILE_DIR WIDTH...");
  process.exit(2);
}
const site = resolve(siteArg);
const out = resolve(outArg);
const widths = widthArgs.map(Number);
// PAGES (space-separated file names) picks some pages of the site; all of them otherwise.
const only = process.env.PAGES ? process.env.PAGES.split(/\s+/).filter(Boolean) : null;
const pages = readdirSync(site)
  .filter((name) => name.endsWith(".html") && (!only || only.includes(name)))
  .sort();

const browser = await launch(puppeteer, { profile, extraArgs: ["--hide-scrollbars"] });
try {
  const page = await browser.newPage();
  for (const name of pages) {
    const stem = name.replace(/\.html$/, "");
    for (const width of widths) {
      // Below 600 px as a phone, so the viewport meta tag decides the layout as on a real one. Scale 1 keeps the
      // files small; the pictures are for seeing the layout, not for reading fine print.
      await page.setViewport({ width, height: 900, deviceScaleFactor: Number(process.env.SCALE ?? 1), isMobile: width < 600, hasTouch: width < 600 });
      await page.goto(pathToFileURL(join(site, name)).href, { waitUntil: "load" });
      const file = join(out, `${stem}-${width}.png`);
      // fullPage: the whole height of the page, as a reader scrolling down sees it; what is cut off sideways stays
      // cut off, as on the screen.
      await page.screenshot({ path: file, fullPage: true });
      console.log(`  ${stem}-${width}.png`);
    }
  }
} finally {
  await browser.close();
}
