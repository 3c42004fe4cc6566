import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** The WCAG 2.0 A and AA rules; axe's best-practice rules are advice, not a gate. */
const WCAG_TAGS = ["wcag2a", "wcag2aa"];
const BLOCKING = new Set(["serious", "critical"]);

/** One line per violation: rule, impact, what it asks for, and the first few offending nodes. */
function describeViolations(violations: Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"]) {
  return violations.map((violation) => {
    const nodes = violation.nodes
      .slice(0, 3)
      .map((node) => `${node.target.join(" ")}: ${node.failureSummary?.split("\n")[1]?.trim()}`)
      .join(" | ");
    return `${violation.id} (${violation.impact}) ${violation.help} — ${nodes}`;
  });
}

/**
 * Runs axe over the page as it is now (including the Connect iframe when open) and asserts no
 * serious or critical WCAG 2 A/AA violation. Soft, so one run reports every failing page.
 */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const blocking = results.violations.filter((v) => BLOCKING.has(v.impact ?? ""));
  expect.soft(describeViolations(blocking), `axe on ${name} (${page.url()})`).toEqual([]);
}

/** Asserts the page does not scroll sideways at the current viewport. */
export async function expectNoHorizontalScroll(page: Page, name: string): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect.soft(scrollWidth, `page width of ${name} (${page.url()})`).toBeLessThanOrEqual(innerWidth);
}
