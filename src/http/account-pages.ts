/**
 * Account pages of the web role:
 *   GET  /link/:token      the link page: checks the one-time token, then signs the user in with
 *                          Clerk JS and posts the session token back (GET never uses the token:
 *                          chat apps fetch links to preview them)
 *   POST /link/:token      `{ sessionToken }` → verifies it and links the chat identity
 *   GET  /billing/success | /billing/cancel | /billing/return   where Stripe sends the user back
 * A reused, expired or tampered token gets a page that says so, and nothing changes.
 */
import express, { type Request, Router } from 'express';
import { completeLink, type LinkOutcome, LinkRefused } from '../services/accounts.ts';
import { frontendApiFromPublishableKey } from '../services/clerk-session.ts';
import type { Services } from '../services/index.ts';
import { inspectLinkToken } from '../services/link-tokens.ts';
import { escapeHtml, sendPage } from './pages.ts';

const PLATFORM_LABEL: Record<string, string> = {
  discord: 'Discord',
  slack: 'Slack',
  playground: 'playground',
};

const REFUSAL: Record<LinkRefused['reason'], { status: number; title: string; text: string }> = {
  unknown: {
    status: 404,
    title: 'This link is not valid',
    text: 'The link is incomplete or was changed. Run <code>/account link</code> in the chat again to get a new one.',
  },
  used: {
    status: 410,
    title: 'This link was already used',
    text: 'Each link works once. If your account is not linked yet, run <code>/account link</code> again.',
  },
  expired: {
    status: 410,
    title: 'This link has expired',
    text: 'Links are valid for a short time only. Run <code>/account link</code> in the chat again to get a new one.',
  },
  session_invalid: {
    status: 401,
    title: 'Sign-in could not be verified',
    text: 'Your sign-in was not accepted. Reload this page and sign in again; the link still works until it expires.',
  },
  linked_elsewhere: {
    status: 409,
    title: 'Already linked to another account',
    text: 'This chat account is linked to a different account. Run <code>/account unlink</code> in the chat first, then link again.',
  },
  linking_off: {
    status: 503,
    title: 'Account linking is off',
    text: 'Account linking is not configured on this server. The bot keeps working on the free tier.',
  },
};

const OUTCOME_TEXT: Record<LinkOutcome, string> = {
  linked: 'Your chat account is now linked. Go back to the chat and run <code>/account</code> to see it.',
  merged:
    'Your chat account is now linked and joined with your other linked chat accounts: history, credits and plan are combined. Run <code>/account</code> in the chat to see it.',
  already_linked: 'This chat account was already linked to this account. Nothing changed.',
};

const wantsJson = (req: Request) =>
  Boolean(req.is('application/json')) || req.accepts(['html', 'json']) === 'json';

export function accountPagesRouter(s: Services): Router {
  const router = Router();

  router.get('/link/:token', async (req, res) => {
    if (!s.config.linkingEnabled)
      return sendPage(res, REFUSAL.linking_off.status, refusalPage('linking_off'));
    const state = await inspectLinkToken(s.db, req.params.token, s.clock());
    if (!state.ok) return sendPage(res, REFUSAL[state.problem].status, refusalPage(state.problem));
    sendPage(res, 200, linkPage(s, PLATFORM_LABEL[state.identity.platform] ?? state.identity.platform));
  });

  router.post(
    '/link/:token',
    express.json({ limit: '16kb' }),
    express.urlencoded({ extended: false, limit: '16kb' }),
    async (req, res) => {
      const sessionToken = typeof req.body?.sessionToken === 'string' ? req.body.sessionToken : '';
      try {
        const outcome = await completeLink(s, req.params.token, sessionToken);
        if (wantsJson(req)) res.json({ ok: true, outcome, message: OUTCOME_TEXT[outcome] });
        else sendPage(res, 200, { title: 'Account linked', body: `<p>${OUTCOME_TEXT[outcome]}</p>` });
      } catch (err) {
        if (!(err instanceof LinkRefused)) throw err;
        const refusal = REFUSAL[err.reason];
        if (wantsJson(req))
          res.status(refusal.status).json({ ok: false, reason: err.reason, message: refusal.text });
        else sendPage(res, refusal.status, refusalPage(err.reason));
      }
    },
  );

  router.get('/billing/success', (_req, res) => {
    sendPage(res, 200, {
      title: 'Thank you!',
      body: '<p>Your payment went through. Your plan or credits are applied within a minute — run <code>/account</code> in the chat to check.</p><p class="muted">You can close this page.</p>',
    });
  });
  router.get('/billing/cancel', (_req, res) => {
    sendPage(res, 200, {
      title: 'Checkout cancelled',
      body: '<p>Nothing was charged. You can start again any time with <code>/subscribe</code>.</p>',
    });
  });
  router.get('/billing/return', (_req, res) => {
    sendPage(res, 200, {
      title: 'Billing updated',
      body: '<p>Changes made in the billing portal show in <code>/account</code> within a minute.</p><p class="muted">You can close this page.</p>',
    });
  });
  return router;
}

function refusalPage(reason: LinkRefused['reason']) {
  const r = REFUSAL[reason];
  return { title: r.title, body: `<p>${r.text}</p><p class="muted">Nothing was changed.</p>` };
}

/** The sign-in page: Clerk JS signs the user in, then the page posts the session token back. */
function linkPage(s: Services, platform: string) {
  const key = s.config.CLERK_PUBLISHABLE_KEY ?? '';
  const frontendApi = frontendApiFromPublishableKey(key);
  if (!frontendApi) {
    return {
      title: 'Account linking is misconfigured',
      body: '<p>The server has an invalid Clerk publishable key.</p>',
    };
  }
  const script = `https://${frontendApi}/npm/@clerk/clerk-js@5/dist/clerk.browser.js`;
  return {
    title: `Link your ${platform} account`,
    head: `<script async crossorigin="anonymous" data-clerk-publishable-key="${escapeHtml(key)}" src="${escapeHtml(script)}" type="text/javascript"></script>`,
    body: `<p>Sign in (or create an account) to link your <strong>${escapeHtml(platform)}</strong> account. Linking lets your plan, credits and history follow you across Discord and Slack.</p>
<div id="sign-in"></div>
<p id="status" class="box muted">Loading sign-in…</p>
<script>
window.addEventListener('load', async function () {
  const status = document.getElementById('status');
  try {
    await window.Clerk.load();
    if (!window.Clerk.user) {
      status.textContent = 'Sign in to continue.';
      window.Clerk.mountSignIn(document.getElementById('sign-in'), { forceRedirectUrl: location.href, signUpForceRedirectUrl: location.href });
      return;
    }
    status.textContent = 'Linking…';
    const sessionToken = await window.Clerk.session.getToken();
    const res = await fetch(location.pathname, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ sessionToken }) });
    const out = await res.json();
    status.innerHTML = out.message;
  } catch (e) {
    status.textContent = 'Something went wrong while signing in. Reload the page to try again.';
  }
});
</script>`,
  };
}
