/**
 * Privacy pages of the web role:
 *   GET  /privacy                    the privacy policy (the copy shipped with the code)
 *   GET  /exports/<id>.<secret>      an export archive; anything but a valid, unexpired link → 403
 *   GET  /account/exports            signed in with Clerk: your exports, each with a fresh link
 *   POST /account/exports            `{ sessionToken }` → your live exports
 *   POST /account/exports/:id/link   `{ sessionToken }` → `{ url }` (403 when not yours)
 *   GET  /admin/privacy/requests     open data requests (ADMIN_TOKEN), oldest due first
 * No IP address or link is logged or stored; downloads are logged by export id only.
 */
import { readFileSync } from 'node:fs';
import express, { type Request, type Response, Router } from 'express';
import { hashId } from '../logger.ts';
import { frontendApiFromPublishableKey, verifyClerkSession } from '../services/clerk-session.ts';
import type { Services } from '../services/index.ts';
import { listLiveExports, reissueExportLink, resolveExportDownload } from '../services/privacy/export.ts';
import { listOpenRequests } from '../services/privacy/requests.ts';
import { StorageError } from '../services/storage/storage-error.ts';
import { requireAccessToken } from './access-token.ts';
import { escapeHtml, sendPage } from './pages.ts';

/** Shipped inside src/ so the Docker image has it (docs/ is not copied into the image). */
export const POLICY_TEXT = readFileSync(new URL('./privacy-policy.txt', import.meta.url), 'utf8');

const FORBIDDEN = {
  title: 'This download link does not work',
  body: '<p>The link is invalid, has expired, or belongs to another export. Run <code>/privacy export</code> in the chat to get a new one.</p>',
};

export function privacyRouter(s: Services): Router {
  const router = Router();

  router.get('/privacy', (_req, res) => {
    res
      .status(200)
      .set({ 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'public, max-age=300' })
      .send(POLICY_TEXT);
  });

  router.get('/exports/:token', async (req, res) => {
    try {
      const row = await resolveExportDownload(s, req.params.token);
      if (!row) return sendPage(res, 403, FORBIDDEN);
      let data: Buffer;
      try {
        data = await s.storage.get(row.storageKey);
      } catch (e) {
        if (e instanceof StorageError && e.code === 'not_found') {
          return sendPage(res, 410, {
            title: 'This export is gone',
            body: '<p>Run <code>/privacy export</code> again.</p>',
          });
        }
        throw e;
      }
      if (!row.downloadedAt)
        await s.db.dataExport.update({ where: { id: row.id }, data: { downloadedAt: s.clock() } });
      s.log.info({ exportId: row.id, user: hashId(row.userId) }, 'export downloaded');
      res
        .status(200)
        .set({
          'Content-Type': 'application/zip',
          'Content-Disposition': `attachment; filename="imagegen-export-${row.createdAt.toISOString().slice(0, 10)}.zip"`,
          'Cache-Control': 'no-store',
          'Referrer-Policy': 'no-referrer',
          'X-Content-Type-Options': 'nosniff',
        })
        .send(data);
    } catch (error) {
      failed(s, res, error, 'export-download');
    }
  });

  router.get('/account/exports', (_req, res) => sendPage(res, 200, accountExportsPage(s)));

  const json = express.json({ limit: '16kb' });
  router.post('/account/exports', json, async (req, res) => {
    try {
      const userId = await signedInUser(s, req);
      if (!userId) return res.status(401).json({ ok: false, message: 'Sign-in could not be verified.' });
      const exports = await listLiveExports(s, userId);
      res.set('Cache-Control', 'no-store').json({
        ok: true,
        exports: exports.map((e) => ({ id: e.id, createdAt: e.createdAt, expiresAt: e.expiresAt })),
      });
    } catch (error) {
      failed(s, res, error, 'account-exports');
    }
  });

  router.post('/account/exports/:id/link', json, async (req, res) => {
    try {
      const userId = await signedInUser(s, req);
      if (!userId) return res.status(401).json({ ok: false, message: 'Sign-in could not be verified.' });
      const url = await reissueExportLink(s, userId, req.params.id);
      if (!url)
        return res.status(403).json({ ok: false, message: 'That export is not yours or has expired.' });
      res.set('Cache-Control', 'no-store').json({ ok: true, url });
    } catch (error) {
      failed(s, res, error, 'account-export-link');
    }
  });

  if (s.config.ADMIN_TOKEN) {
    router.get(
      '/admin/privacy/requests',
      requireAccessToken(s.config.ADMIN_TOKEN, { realm: 'privacy', allowBasic: true }),
      async (_req, res) => {
        try {
          const now = s.clock().getTime();
          const open = await listOpenRequests(s);
          res.set('Cache-Control', 'no-store').json({
            requests: open.map((r) => ({
              id: r.id,
              kind: r.kind,
              status: r.status,
              subject: r.subjectHash.slice(0, 12),
              requestedAt: r.requestedAt,
              dueAt: r.dueAt,
              overdue: r.dueAt.getTime() < now,
              error: r.error,
            })),
          });
        } catch (error) {
          failed(s, res, error, 'admin-privacy-requests');
        }
      },
    );
  }
  return router;
}

/** The Clerk user's User id, or null when the session token is missing or invalid. */
async function signedInUser(s: Services, req: Request): Promise<string | null> {
  const token = typeof req.body?.sessionToken === 'string' ? req.body.sessionToken : '';
  if (!token || !s.config.linkingEnabled) return null;
  let clerkUserId: string;
  try {
    clerkUserId = await verifyClerkSession(s.config, token);
  } catch {
    return null;
  }
  const user = await s.db.user.findUnique({ where: { clerkUserId }, select: { id: true } });
  return user?.id ?? null;
}

function failed(s: Services, res: Response, error: unknown, stage: string): void {
  const eventId = s.report(error, { stage });
  if (!res.headersSent) {
    sendPage(res, 500, {
      title: 'Something went wrong',
      body: `<p>Please try again in a moment.${eventId ? ` Error id: <code>${escapeHtml(eventId)}</code>` : ''}</p>`,
    });
  }
}

function accountExportsPage(s: Services) {
  const key = s.config.CLERK_PUBLISHABLE_KEY ?? '';
  const frontendApi = s.config.linkingEnabled ? frontendApiFromPublishableKey(key) : undefined;
  if (!frontendApi) {
    return {
      title: 'Your data exports',
      body: '<p>Signing in is not configured on this server. Use the link the bot sent you after <code>/privacy export</code>.</p>',
    };
  }
  const script = `https://${frontendApi}/npm/@clerk/clerk-js@5/dist/clerk.browser.js`;
  return {
    title: 'Your data exports',
    head: `<script async crossorigin="anonymous" data-clerk-publishable-key="${escapeHtml(key)}" src="${escapeHtml(script)}" type="text/javascript"></script>`,
    body: `<p>Sign in with the account you linked in the chat to download your data exports. Run <code>/privacy export</code> in the chat to make a new one.</p>
<div id="sign-in"></div>
<div id="list" class="box muted">Loading…</div>
<script>
window.addEventListener('load', async function () {
  const list = document.getElementById('list');
  const post = async (path) => {
    const sessionToken = await window.Clerk.session.getToken();
    const res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ sessionToken }) });
    return res.json();
  };
  try {
    await window.Clerk.load();
    if (!window.Clerk.user) {
      list.textContent = 'Sign in to continue.';
      window.Clerk.mountSignIn(document.getElementById('sign-in'), { forceRedirectUrl: location.href });
      return;
    }
    const out = await post('/account/exports');
    if (!out.ok) { list.textContent = out.message; return; }
    if (!out.exports.length) { list.textContent = 'You have no export that can still be downloaded.'; return; }
    list.textContent = '';
    for (const e of out.exports) {
      const b = document.createElement('button');
      b.textContent = 'Download the export of ' + new Date(e.createdAt).toLocaleString() + ' (until ' + new Date(e.expiresAt).toLocaleString() + ')';
      b.onclick = async () => { const r = await post('/account/exports/' + e.id + '/link'); if (r.ok) location.href = r.url; else alert(r.message); };
      list.appendChild(b);
    }
  } catch (e) {
    list.textContent = 'Something went wrong while signing in. Reload the page to try again.';
  }
});
</script>`,
  };
}
