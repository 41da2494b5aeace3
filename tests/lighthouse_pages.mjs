// Lighthouse on several pages in one Chromium and one Node process (tests/lighthouse.py,
// run_lighthouse_pages): each page audited as `lighthouse URL` would audit it, with
// Lighthouse's own defaults (but the full-page screenshot), one after the other in one tab.
// Usage: node lighthouse_pages.mjs OUT.json CATEGORIES URL...  (CATEGORIES comma-separated)
// Writes {url: lhr} to OUT.json. Chromium is CHROME_PATH, with CHROME_FLAGS.
import fs from "node:fs";
import lighthouse from "lighthouse";
import puppeteer from "puppeteer-core";

const [out, categories, ...urls] = process.argv.slice(2);
const args = (process.env.CHROME_FLAGS || "").split(" ").filter((flag) => flag && !flag.startsWith("--headless"));
const browser = await puppeteer.launch({ executablePath: process.env.CHROME_PATH, headless: true, args });
const results = {};
try {
  const page = await browser.newPage();
  for (const url of urls) {
    // No full-page screenshot: only a report's pictures of the elements use it, no audit.
    const flags = { output: "json", onlyCategories: categories.split(","), logLevel: "error", disableFullPageScreenshot: true };
    const run = await lighthouse(url, flags, undefined, page);
    results[url] = run.lhr;
  }
} finally {
  await browser.close();
}
fs.writeFileSync(out, JSON.stringify(results));
