// The browser half of bench/layout.sh: opens each page in headless Chromium at the width given and checks that
// every chart either shows all its step boxes inside its frame or shows the scroll cue with its text at 11 px or
// more, and that nothing on the page is wider than the window. Usage (bench/layout.sh sets it up):
//
//   NODE_MODULES=… CHROMIUM=… [SHOTS=folder] node bench/layout.mjs JOBS
//
// JOBS is a file of lines `WIDTH PATH`. Exits 1 when a check fails.
import { launch, requireFrom } from "./chromium.mjs";
import { readFileSync, mkdirSync } from "node:fs";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";

const require = requireFrom(process.env.NODE_MODULES);
const puppeteer = require("puppeteer-core");

/** The smallest text size, in CSS px, a chart may be shown at (src/render/mod.rs MIN_CHART_TEXT). */
const MIN_TEXT = 11;
/** Rounding in the browser's layout: a box within half a pixel of the frame's edge is inside it. */
const SLACK = 0.5;

const jobs = readFileSync(process.argv[2], "utf8")
  .split("\n")
  .filter((line) => line.trim())
  .map((line) => {
    const [width, ...path] = line.split(" ");
    return { width: Number(width), path: path.join(" ") };
  });

const browser = await launch(puppeteer);

const failures = [];
const counts = { pages: 0, charts: 0, fit: 0, scroll: 0, classless: 0 };
const smallest = { text: Infinity, page: "" };
try {
  const page = await browser.newPage();
  for (const { width, path } of jobs) {
    await page.setViewport({ width, height: 900 });
    await page.goto(pathToFileURL(path).href, { waitUntil: "load" });
    const result = await page.evaluate(
      (MIN_TEXT, SLACK) => {
        const visible = (element) =>
          !!element &&
          getComputedStyle(element).display !== "none" &&
          getComputedStyle(element).visibility !== "hidden" &&
          element.getBoundingClientRect().height > 0;
        const charts = [...document.querySelectorAll(".chart-wrap svg")].map((svg) => {
          const frame = svg.closest(".chart-wrap");
          const outer = frame.getBoundingClientRect();
          // The visible area of the frame: inside its border, without its scrollbar.
          const area = {
            left: outer.left + frame.clientLeft,
            top: outer.top + frame.clientTop,
            right: outer.left + frame.clientLeft + frame.clientWidth,
            bottom: outer.top + frame.clientTop + frame.clientHeight,
          };
          let boxes = [...svg.querySelectorAll("rect.step")];
          const classless = boxes.length === 0;
          // Without class="step", the step boxes are the rounded rectangles (lanes are square).
          if (classless) boxes = [...svg.querySelectorAll("rect[rx]")];
          const outside = boxes.filter((box) => {
            const r = box.getBoundingClientRect();
            return (
              r.left < area.left - SLACK ||
              r.right > area.right + SLACK ||
              r.top < area.top - SLACK ||
              r.bottom > area.bottom + SLACK
            );
          }).length;
          const viewBox = svg.viewBox.baseVal;
          const fontSize = parseFloat(svg.getAttribute("font-size"));
          const text = (svg.getBoundingClientRect().width / viewBox.width) * fontSize;
          const cue = frame.closest(".chart-area")?.querySelector(".chart-cue");
          const cueShown = visible(cue) && !!cue.querySelector("a[href$='.svg']");
          return { boxes: boxes.length, outside, text, cueShown, classless };
        });
        return {
          charts,
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth,
        };
      },
      MIN_TEXT,
      SLACK,
    );
    counts.pages++;
    const where = `${basename(path)} at ${width} px`;
    if (result.scrollWidth > result.innerWidth) {
      failures.push(`${where}: the page is ${result.scrollWidth} px wide, wider than the window`);
    }
    result.charts.forEach((chart, index) => {
      counts.charts++;
      if (chart.classless) counts.classless++;
      if (chart.text < smallest.text) Object.assign(smallest, { text: chart.text, page: where });
      const name = `${where}, chart ${index + 1}`;
      if (chart.boxes === 0) failures.push(`${name}: no step boxes found`);
      if (chart.text < MIN_TEXT - 0.01) {
        failures.push(`${name}: text rendered at ${chart.text.toFixed(2)} px, under ${MIN_TEXT}`);
      }
      if (chart.outside === 0) {
        counts.fit++;
      } else if (chart.cueShown) {
        counts.scroll++;
      } else {
        failures.push(`${name}: ${chart.outside} of ${chart.boxes} step boxes outside the frame, and no scroll cue shown`);
      }
    });
    if (process.env.SHOTS && !basename(path).startsWith("grid-")) {
      mkdirSync(process.env.SHOTS, { recursive: true });
      const file = join(process.env.SHOTS, `${basename(path, ".html")}-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
    }
  }
} finally {
  await browser.close();
}

console.log(
  `   ${counts.pages} page views, ${counts.charts} charts: ${counts.fit} fit their frame, ` +
    `${counts.scroll} scroll with the cue shown; smallest chart text ${smallest.text.toFixed(2)} px (${smallest.page})`,
);
if (counts.classless > 0) {
  console.log(`   note: ${counts.classless} charts have no rect.step; their rounded rectangles were taken as the step boxes`);
}
if (failures.length > 0) {
  console.log(`== ${failures.length} failures`);
  for (const failure of failures.slice(0, 50)) console.log(`   ${failure}`);
  if (failures.length > 50) console.log(`   … and ${failures.length - 50} more`);
  process.exit(1);
}
console.log("== layout check passed");
