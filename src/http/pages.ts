/**
 * Minimal server-rendered pages of the web role (account linking, checkout results). Every value
 * put into a page goes through `escapeHtml`; pages are never cached and never send a Referer
 * (their URLs can carry one-time tokens).
 */
import type { Response } from 'express';

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export interface Page {
  title: string;
  /** Trusted HTML (build it with escapeHtml for any value). */
  body: string;
  /** Extra trusted markup for <head> (scripts). */
  head?: string;
}

export function renderPage(page: Page): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(page.title)} · ImageGen</title>
<style>
body{font-family:system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;color:#1f2328;line-height:1.5}
h1{font-size:1.4rem}.muted{color:#656d76}.box{border:1px solid #d0d7de;border-radius:8px;padding:1rem 1.25rem}
</style>
${page.head ?? ''}
</head>
<body>
<h1>${escapeHtml(page.title)}</h1>
${page.body}
</body>
</html>`;
}

export function sendPage(res: Response, status: number, page: Page): void {
  res
    .status(status)
    .set({
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'DENY',
      'X-Content-Type-Options': 'nosniff',
    })
    .send(renderPage(page));
}
