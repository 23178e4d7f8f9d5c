/**
 * Why electron-builder.yml keeps the grantFileProtocolExtraPrivileges fuse on: the window
 * loads the built renderer from file:// (BrowserWindow.loadFile), and Vite's bundle is a
 * `<script type="module" crossorigin>` plus a crossorigin stylesheet. Under the browser's
 * rules for file:// (what the fuse switched off gives), both are cross-origin requests from
 * origin 'null' and are blocked, so the window would stay empty.
 *
 * Shown in Debian's Chromium (the Electron binary cannot be downloaded here): plain file://
 * leaves #root empty with a CORS error; with file access granted to file:// pages
 * (--allow-file-access-from-files, Chromium's counterpart of the fuse) the app renders. When
 * the renderer moves to a custom protocol, the first test fails: then turn the fuse off.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH } from '../e2e/harness';

const root = path.resolve(import.meta.dirname, '../..');
const indexHtml = path.join(root, 'out', 'renderer', 'index.html');
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
];

interface Outcome {
  rendered: boolean;
  errors: string[];
}

async function openFromFile(extraArgs: string[]): Promise<Outcome> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...FLAGS, ...extraArgs],
  });
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(msg.text());
    });
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(pathToFileURL(indexHtml).href);
    const rendered = await page
      .locator('#root > *')
      .first()
      .waitFor({ timeout: 5_000 })
      .then(
        () => true,
        () => false,
      );
    return { rendered, errors };
  } finally {
    await browser.close();
  }
}

let plain: Outcome;
let privileged: Outcome;

beforeAll(async () => {
  if (!fs.existsSync(indexHtml)) throw new Error(`${indexHtml} missing: run npm run build`);
  if (!fs.existsSync(CHROMIUM_PATH)) throw new Error(`Chromium not found at ${CHROMIUM_PATH}`);
  plain = await openFromFile([]);
  privileged = await openFromFile(['--allow-file-access-from-files']);
}, 60_000);

describe('the renderer loaded from file://', () => {
  it('is loaded as a module script that file:// under browser rules blocks', () => {
    expect(fs.readFileSync(indexHtml, 'utf8')).toMatch(/<script type="module" crossorigin/);
    expect(plain.rendered).toBe(false);
    expect(plain.errors.join('\n')).toMatch(/from origin 'null' has been blocked by CORS policy/);
  });

  it('renders when file:// pages get file access, as the fuse left on grants', () => {
    expect(privileged.errors).toEqual([]);
    expect(privileged.rendered).toBe(true);
  });
});
