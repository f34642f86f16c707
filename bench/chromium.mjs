// Headless Chromium for the page checks (bench/axe.mjs, bench/layout.mjs, docs/screenshot.mjs): the system
// browser driven by puppeteer-core, which the calling script installed into a temporary folder.
import { createRequire } from "node:module";
import { join } from "node:path";

/// puppeteer-core (or another package) from the `node_modules` folder the shell script installed into.
export function requireFrom(nodeModules) {
  return createRequire(join(nodeModules ?? ".", "noop.js"));
}

/// Starts $CHROMIUM (default /usr/bin/chromium). No sandbox, as the checks run as root; the other flags keep
/// Chromium from reaching for the network, which the pages never need and this machine does not have.
export function launch(puppeteer, { profile, extraArgs = [] } = {}) {
  return puppeteer.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    userDataDir: profile,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      ...extraArgs,
    ],
  });
}
