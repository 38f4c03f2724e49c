/**
 * The playground in a real browser: headless Chromium (Debian's `chromium`, driven by
 * playwright-core) opens the page served by the web role, types /imagine, attaches an image,
 * picks a style, and sees the result image render — then runs /jobs. Offline provider and local
 * storage, as a newcomer gets with no keys. Only loopback traffic: every Chromium feature that
 * calls home is switched off.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../support/app.ts';
import { makeJpeg } from '../support/images.ts';

const CHROMIUM = '/usr/bin/chromium';

describe('GIVEN the playground page in headless Chromium', () => {
  let t: TestBot;
  let browser: BrowserContext;
  let dir: string;
  let profile: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'imagegen-browser-'));
    profile = await mkdtemp(join(tmpdir(), 'imagegen-chromium-profile-'));
    t = await startTestBot({
      roles: 'web,worker',
      // A newcomer: the first-use age gate is answered in the page, with its buttons.
      privacyGate: 'real',
      env: {
        PLAYGROUND: 'on',
        OPENAI_API_KEY: '',
        IMAGEKIT_PRIVATE_KEY: '',
        IMAGEKIT_URL_ENDPOINT: '',
        LOCAL_STORAGE_DIR: dir,
      },
    });
    // A persistent context is how playwright takes a user data dir (a temporary one here).
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.stop();
    await rm(dir, { recursive: true, force: true });
    await rm(profile, { recursive: true, force: true });
  });

  it('THEN a newcomer passes the age gate, /imagine with an uploaded image and a chosen style shows the rendered result, and /jobs and /privacy answer', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    // Anything not served by our own web role would be a leak (and is refused).
    const origin = `http://127.0.0.1:${t.app.port}`;
    await page.route('**/*', (route) =>
      route.request().url().startsWith(origin) || route.request().url().startsWith('blob:')
        ? route.continue()
        : route.abort(),
    );

    await page.goto(`${origin}/playground`);
    await page.locator('#status[data-state="connected"]').waitFor();

    await page.locator('#command').fill('/imagine');
    const photo = await makeJpeg({ width: 480, height: 360 });
    await page.locator('#options input[name="image"]').setInputFiles({
      name: 'holiday.jpg',
      mimeType: 'image/jpeg',
      buffer: photo,
    });
    await page.locator('#options select[name="style"]').selectOption('watercolor');
    await page.locator('#options input[name="prompt"]').fill('a sunny afternoon');
    await page.locator('#send').click();

    // The user's own message, with a preview of the upload.
    await expect.poll(() => page.locator('.message.user').first().textContent()).toContain('/imagine');
    await page.locator('.message.user img.upload').first().waitFor();

    // First use: confirm the age and accept the policy with the reply's button, then send again.
    const gate = page.locator('.message.bot', { hasText: 'Before your first image' });
    const gateId = await gate.getAttribute('data-message-id');
    // The policy link in the text is clickable.
    expect(await gate.locator('a[href$="/privacy"]').count()).toBe(1);
    await gate.locator('button.action', { hasText: 'I am 13 or older and accept' }).click();
    await expect
      .poll(() => page.locator(`[data-message-id="${gateId}"]`).textContent())
      .not.toContain('Before your first image');
    await page.locator('#send').click();

    // The bot's message turns into the result; wait until the image has actually decoded.
    const result = page.locator('.message.bot img.result');
    await result.waitFor({ timeout: 20_000 });
    // (Runs in the page; written as a string because this file is compiled without DOM types.)
    await page.waitForFunction(
      "(() => { const img = document.querySelector('.message.bot img.result'); return Boolean(img && img.complete && img.naturalWidth > 0); })()",
    );
    type Img = { naturalWidth: number; naturalHeight: number };
    const size = await result.evaluate((img) => ({
      w: (img as Img).naturalWidth,
      h: (img as Img).naturalHeight,
    }));
    expect(size).toEqual({ w: 480, h: 360 });
    const bot = page.locator('.message.bot', { has: page.locator('img.result') });
    expect(await bot.textContent()).toContain('Watercolor');
    expect(await bot.locator('.footer').textContent()).toContain('Trial mode');
    expect(await bot.locator('button.action').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('Re-run'), expect.stringContaining('Delete')]),
    );

    const gen = await t.waitForGeneration((g) => g.deliveredAt !== null);
    expect(gen.style).toBe('watercolor');
    expect(gen.prompt).toBe('a sunny afternoon');

    // /jobs: typed and sent with Enter.
    await page.locator('#command').fill('/jobs');
    await page.locator('#command').press('Enter');
    const jobs = page.locator('.message.bot.ephemeral').last();
    await jobs.waitFor();
    expect(await jobs.textContent()).toContain('Your recent jobs');
    expect(await jobs.textContent()).toContain('done');

    // /privacy: a command with subcommands; the first (`show`) is picked by default.
    await page.locator('#command').fill('/privacy');
    await page.locator('#subcommand').selectOption('show');
    await page.locator('#send').click();
    await expect
      .poll(() => page.locator('.message.bot').last().textContent(), { timeout: 10_000 })
      .toMatch(/consent/i);

    expect(problems).toEqual([]);
    await page.close();
  });
});
