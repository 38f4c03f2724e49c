/**
 * A fake Stripe API for the real `stripe` SDK (`new Stripe(key, { host: '127.0.0.1', port, protocol:
 * 'http' })`, or STRIPE_API_URL=fake.url through the app's config):
 *   POST   /v1/customers, GET|POST|DELETE /v1/customers/:id
 *   POST   /v1/checkout/sessions, GET /v1/checkout/sessions[/:id]
 *   POST   /v1/billing_portal/sessions
 *   GET    /v1/subscriptions[/:id], DELETE /v1/subscriptions/:id (cancel)
 *   GET    /v1/invoices/:id, /v1/charges/:id, /v1/payment_intents/:id, /v1/invoice_payments
 * Form-encoded requests are checked against Stripe's OpenAPI description
 * (`shared/contract-specs/stripe.spec3.2023-09-13.yaml`, via `vendorContract('stripe')`); fields
 * newer than that copy are warnings, anything else the spec refuses is a `contractErrors` entry
 * and answered with Stripe's 400 error shape. Answers start from Stripe's own fixtures and are
 * checked against the spec too. POSTs honour `Idempotency-Key` like Stripe does.
 *
 * Tests set the "current" state with `putSubscription`/`putInvoice`/`putCharge`/`putPaymentIntent`,
 * build events with `event(type, object)` and sign them with `signedDelivery(event)`.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Stripe from 'stripe';
import { SPECS_DIR, vendorContract } from './contract.ts';
import { decodeFormFields, readFormParts } from './form-fields.ts';
import { type FakeResponse, HttpFake, type RecordedRequest } from './http-fake.ts';

// biome-ignore lint/suspicious/noExplicitAny: Stripe objects are untyped JSON here
type Obj = Record<string, any>;

export interface ContractProblem {
  kind: 'request' | 'response';
  method: string;
  path: string;
  errors: string[];
}

export interface SubscriptionInput {
  id?: string;
  customer: string;
  price: string;
  status?: string;
  metadata?: Record<string, string>;
  currentPeriodEnd?: number;
  cancelAtPeriodEnd?: boolean;
}

export interface InvoiceInput {
  id?: string;
  customer: string;
  subscription: string;
  price: string;
  amount?: number;
  status?: 'paid' | 'open';
  /** The PaymentIntent that paid it (listed by GET /v1/invoice_payments). */
  paymentIntent?: string;
}

export interface ChargeInput {
  id?: string;
  amount: number;
  amountRefunded?: number;
  customer?: string;
  paymentIntent?: string;
}

export interface PaymentIntentInput {
  id?: string;
  amount: number;
  customer?: string;
  metadata?: Record<string, string>;
}

export interface FakeStripe {
  url: string;
  http: HttpFake;
  secretKey: string;
  webhookSecret: string;
  customers: Map<string, Obj>;
  /** Every Checkout Session created, with the decoded form parameters as sent. */
  checkoutSessions: Array<{ id: string; params: Obj; object: Obj }>;
  portalSessions: Array<{ id: string; params: Obj; object: Obj }>;
  subscriptions: Map<string, Obj>;
  invoices: Map<string, Obj>;
  charges: Map<string, Obj>;
  paymentIntents: Map<string, Obj>;
  contractErrors: ContractProblem[];
  contractWarnings: ContractProblem[];
  putCustomer(input?: { id?: string; metadata?: Record<string, string>; email?: string }): Obj;
  putSubscription(input: SubscriptionInput): Obj;
  putInvoice(input: InvoiceInput): Obj;
  putCharge(input: ChargeInput): Obj;
  putPaymentIntent(input: PaymentIntentInput): Obj;
  /** A Stripe Event envelope around `object` (a fresh `evt_` id unless given). */
  event(type: string, object: Obj, id?: string): Obj;
  /** The raw body and `Stripe-Signature` header Stripe would send for `event`. */
  signedDelivery(
    event: Obj,
    opts?: { secret?: string; timestamp?: number },
  ): { payload: string; header: string };
  stop(): Promise<void>;
}

const fixtures: Record<string, Obj> = JSON.parse(
  readFileSync(join(SPECS_DIR, 'stripe.fixtures3.2023-09-13.json'), 'utf8'),
).resources;
const fixture = (name: string): Obj => structuredClone(fixtures[name] ?? {});
const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Every bracketed field nests, as Stripe reads its form bodies. */
const deepEverywhere = new Proxy({}, { get: () => ({ style: 'deepObject' }) });

function decodeForm(req: RecordedRequest): Obj {
  if (req.method === 'GET' || req.method === 'DELETE') {
    return decodeFormFields(
      [...req.query].map(([name, value]) => ({ name, value })),
      deepEverywhere,
    );
  }
  const type = String(req.headers['content-type'] ?? 'application/x-www-form-urlencoded');
  return decodeFormFields(readFormParts(req.body, 'application/x-www-form-urlencoded', type), deepEverywhere);
}

function stripeError(status: number, message: string, code?: string, param?: string): FakeResponse {
  return {
    status,
    body: {
      error: {
        type: 'invalid_request_error',
        message,
        ...(code ? { code } : {}),
        ...(param ? { param } : {}),
      },
    },
  };
}

const missing = (kind: string, id: string, param = 'id') =>
  stripeError(404, `No such ${kind}: '${id}'`, 'resource_missing', param);

export async function startFakeStripe(
  opts: { secretKey?: string; webhookSecret?: string } = {},
): Promise<FakeStripe> {
  const http = new HttpFake('stripe');
  const contract = vendorContract('stripe');
  const signer = new Stripe('sk_test_signer_only');
  const idempotent = new Map<string, FakeResponse>();
  const invoicePayments: Array<{ invoice: string; paymentIntent: string }> = [];

  const fake: FakeStripe = {
    url: '',
    http,
    secretKey: opts.secretKey ?? 'sk_test_fake_secret',
    webhookSecret: opts.webhookSecret ?? 'whsec_fake_secret',
    customers: new Map(),
    checkoutSessions: [],
    portalSessions: [],
    subscriptions: new Map(),
    invoices: new Map(),
    charges: new Map(),
    paymentIntents: new Map(),
    contractErrors: [],
    contractWarnings: [],
    putCustomer(input = {}) {
      const customer = {
        ...fixture('customer'),
        id: input.id ?? newId('cus'),
        created: nowSeconds(),
        email: input.email ?? null,
        metadata: input.metadata ?? {},
      };
      fake.customers.set(customer.id, customer);
      return structuredClone(customer);
    },
    putSubscription(input) {
      const id = input.id ?? newId('sub');
      const end = input.currentPeriodEnd ?? nowSeconds() + 30 * 86400;
      const base = fixture('subscription');
      const item = base.items.data[0];
      const sub = {
        ...base,
        id,
        customer: input.customer,
        status: input.status ?? 'active',
        metadata: input.metadata ?? {},
        cancel_at_period_end: input.cancelAtPeriodEnd ?? false,
        cancel_at: null,
        canceled_at: input.status === 'canceled' ? nowSeconds() : null,
        ended_at: input.status === 'canceled' ? nowSeconds() : null,
        trial_end: null,
        trial_start: null,
        current_period_start: end - 30 * 86400,
        current_period_end: end,
        items: {
          ...base.items,
          url: `/v1/subscription_items?subscription=${id}`,
          data: [
            {
              ...item,
              id: newId('si'),
              subscription: id,
              current_period_end: end,
              current_period_start: end - 30 * 86400,
              price: { ...item.price, id: input.price },
            },
          ],
        },
      };
      fake.subscriptions.set(id, sub);
      return structuredClone(sub);
    },
    putInvoice(input) {
      const id = input.id ?? newId('in');
      const amount = input.amount ?? 1500;
      const base = fixture('invoice');
      const line = base.lines.data[0];
      const invoice = {
        ...base,
        id,
        customer: input.customer,
        billing_reason: 'subscription_cycle',
        status: input.status ?? 'paid',
        paid: (input.status ?? 'paid') === 'paid',
        amount_due: amount,
        amount_paid: (input.status ?? 'paid') === 'paid' ? amount : 0,
        amount_remaining: (input.status ?? 'paid') === 'paid' ? 0 : amount,
        subtotal: amount,
        total: amount,
        subscription: input.subscription,
        parent: {
          type: 'subscription_details',
          subscription_details: { subscription: input.subscription, metadata: {} },
        },
        lines: {
          ...base.lines,
          url: `/v1/invoices/${id}/lines`,
          data: [
            {
              ...line,
              id: newId('il'),
              amount,
              subscription: input.subscription,
              type: 'subscription',
              invoice_item: null,
              price: { ...line.price, id: input.price, type: 'recurring' },
              pricing: {
                type: 'price_details',
                price_details: { price: input.price, product: line.price.product },
              },
            },
          ],
        },
      };
      fake.invoices.set(id, invoice);
      if (input.paymentIntent) invoicePayments.push({ invoice: id, paymentIntent: input.paymentIntent });
      return structuredClone(invoice);
    },
    putCharge(input) {
      const id = input.id ?? newId('ch');
      const refunded = input.amountRefunded ?? 0;
      const charge = {
        ...fixture('charge'),
        id,
        amount: input.amount,
        amount_captured: input.amount,
        amount_refunded: refunded,
        refunded: refunded >= input.amount,
        captured: true,
        customer: input.customer ?? null,
        payment_intent: input.paymentIntent ?? null,
        invoice: null,
      };
      fake.charges.set(id, charge);
      return structuredClone(charge);
    },
    putPaymentIntent(input) {
      const id = input.id ?? newId('pi');
      const intent = {
        ...fixture('payment_intent'),
        id,
        amount: input.amount,
        amount_received: input.amount,
        client_secret: `${id}_secret_fake`,
        customer: input.customer ?? null,
        metadata: input.metadata ?? {},
        status: 'succeeded',
        canceled_at: null,
      };
      fake.paymentIntents.set(id, intent);
      return structuredClone(intent);
    },
    event(type, object, id) {
      return {
        ...fixture('event'),
        id: id ?? newId('evt'),
        api_version: '2026-10-28.endive',
        created: nowSeconds(),
        type,
        data: { object: structuredClone(object) },
      };
    },
    signedDelivery(event, o = {}) {
      const payload = JSON.stringify(event);
      const header = signer.webhooks.generateTestHeaderString({
        payload,
        secret: o.secret ?? fake.webhookSecret,
        ...(o.timestamp !== undefined ? { timestamp: o.timestamp } : {}),
      });
      return { payload, header };
    },
    stop: () => http.stop(),
  };

  /** Checks the request against the spec; returns the refusal to send when it breaks it. */
  function check(req: RecordedRequest): FakeResponse | undefined {
    const auth = req.headers.authorization ?? '';
    if (auth !== `Bearer ${fake.secretKey}`) {
      return stripeError(401, `Invalid API Key provided: ${auth.slice(7, 15)}***`);
    }
    const found = contract.findOperation(req.method, req.path);
    if (!found) {
      // Operations newer than this copy of the spec (e.g. invoice_payments) cannot be checked.
      fake.contractWarnings.push({
        kind: 'request',
        method: req.method,
        path: req.path,
        errors: ['operation not in this copy of the spec'],
      });
      return undefined;
    }
    const result = contract.checkRequest({
      method: req.method,
      path: req.path,
      query: req.query,
      headers: req.headers,
      body: req.body.length ? req.body : undefined,
    });
    if (result.warnings.length)
      fake.contractWarnings.push({
        kind: 'request',
        method: req.method,
        path: req.path,
        errors: result.warnings,
      });
    if (result.errors.length === 0) return undefined;
    fake.contractErrors.push({ kind: 'request', method: req.method, path: req.path, errors: result.errors });
    return stripeError(400, `Invalid request: ${result.errors.join('; ')}`);
  }

  function answer(req: RecordedRequest, body: Obj, status = 200): FakeResponse {
    if (contract.findOperation(req.method, req.path)) {
      const result = contract.checkResponse({
        method: req.method,
        path: req.path,
        status,
        contentType: 'application/json',
        body,
      });
      if (result.errors.length)
        fake.contractErrors.push({
          kind: 'response',
          method: req.method,
          path: req.path,
          errors: result.errors,
        });
    }
    return { status, body };
  }

  /** Registers a route that checks the contract and replays idempotent POSTs. */
  function route(
    method: string,
    path: string,
    handle: (req: RecordedRequest, params: Record<string, string>, form: Obj) => FakeResponse,
  ) {
    http.route(method, path, (req, params) => {
      const refused = check(req);
      if (refused) return refused;
      const key = req.method === 'POST' ? req.headers['idempotency-key'] : undefined;
      const cacheKey = typeof key === 'string' ? `${req.path}\n${key}` : undefined;
      const replay = cacheKey ? idempotent.get(cacheKey) : undefined;
      if (replay) return { ...replay, headers: { ...replay.headers, 'idempotent-replayed': 'true' } };
      const response = handle(req, params, decodeForm(req));
      if (cacheKey && (response.status ?? 200) < 500) idempotent.set(cacheKey, response);
      return response;
    });
  }

  const list = (url: string, data: Obj[]) => ({ object: 'list', data, has_more: false, url });

  // ---- customers ----------------------------------------------------------------------------------
  route('POST', '/v1/customers', (req, _p, form) => {
    const customer = fake.putCustomer({ metadata: form.metadata, email: form.email });
    if (form.name) fake.customers.get(customer.id)!.name = form.name;
    return answer(req, fake.customers.get(customer.id)!);
  });
  route('GET', '/v1/customers/:id', (req, { id = '' }) => {
    const c = fake.customers.get(id);
    return c ? answer(req, c) : missing('customer', id);
  });
  route('POST', '/v1/customers/:id', (req, { id = '' }, form) => {
    const c = fake.customers.get(id);
    if (!c || c.deleted) return missing('customer', id);
    if (form.metadata) c.metadata = { ...c.metadata, ...form.metadata };
    if (form.email) c.email = form.email;
    return answer(req, c);
  });
  route('DELETE', '/v1/customers/:id', (req, { id = '' }) => {
    const c = fake.customers.get(id);
    if (!c || c.deleted) return missing('customer', id);
    const deleted = { id, object: 'customer', deleted: true };
    fake.customers.set(id, deleted);
    return answer(req, deleted);
  });

  // ---- checkout and portal ------------------------------------------------------------------------
  route('POST', '/v1/checkout/sessions', (req, _p, form) => {
    if (form.customer && !fake.customers.get(form.customer))
      return missing('customer', form.customer, 'customer');
    const id = `cs_test_${randomBytes(24).toString('hex')}`;
    const session = {
      ...fixture('checkout.session'),
      id,
      created: nowSeconds(),
      expires_at: nowSeconds() + 24 * 3600,
      mode: form.mode,
      customer: form.customer ?? null,
      client_reference_id: form.client_reference_id ?? null,
      metadata: form.metadata ?? {},
      success_url: form.success_url,
      cancel_url: form.cancel_url ?? null,
      payment_intent: null,
      subscription: null,
      url: `https://checkout.stripe.com/c/pay/${id}`,
    };
    fake.checkoutSessions.push({ id, params: form, object: session });
    return answer(req, session);
  });
  route('GET', '/v1/checkout/sessions/:id', (req, { id = '' }) => {
    const found = fake.checkoutSessions.find((c) => c.id === id);
    return found ? answer(req, found.object) : missing('checkout.session', id);
  });
  route('POST', '/v1/billing_portal/sessions', (req, _p, form) => {
    if (!fake.customers.get(form.customer)) return missing('customer', form.customer, 'customer');
    const id = newId('bps');
    const session = {
      ...fixture('billing_portal.session'),
      id,
      customer: form.customer,
      return_url: form.return_url ?? null,
      livemode: false,
      url: `https://billing.stripe.com/p/session/test_${randomBytes(16).toString('hex')}`,
    };
    fake.portalSessions.push({ id, params: form, object: session });
    return answer(req, session);
  });

  // ---- subscriptions ------------------------------------------------------------------------------
  route('GET', '/v1/subscriptions/:id', (req, { id = '' }) => {
    const sub = fake.subscriptions.get(id);
    return sub ? answer(req, sub) : missing('subscription', id);
  });
  route('GET', '/v1/subscriptions', (req, _p, form) => {
    const all = [...fake.subscriptions.values()].filter(
      (s) =>
        (!form.customer || s.customer === form.customer) &&
        (form.status === 'all' ||
          s.status === (form.status ?? 'active') ||
          (!form.status && s.status !== 'canceled')),
    );
    return answer(req, list('/v1/subscriptions', all));
  });
  route('DELETE', '/v1/subscriptions/:id', (req, { id = '' }) => {
    const sub = fake.subscriptions.get(id);
    if (!sub) return missing('subscription', id);
    if (sub.status === 'canceled') return stripeError(400, `This subscription is already canceled.`);
    Object.assign(sub, { status: 'canceled', canceled_at: nowSeconds(), ended_at: nowSeconds() });
    return answer(req, sub);
  });

  // ---- invoices, charges, payment intents ---------------------------------------------------------
  route('GET', '/v1/invoices/:id', (req, { id = '' }) => {
    const invoice = fake.invoices.get(id);
    return invoice ? answer(req, invoice) : missing('invoice', id);
  });
  route('GET', '/v1/charges/:id', (req, { id = '' }) => {
    const charge = fake.charges.get(id);
    return charge ? answer(req, charge) : missing('charge', id);
  });
  route('GET', '/v1/payment_intents/:id', (req, { id = '' }) => {
    const intent = fake.paymentIntents.get(id);
    return intent ? answer(req, intent) : missing('payment_intent', id);
  });
  route('GET', '/v1/invoice_payments', (req, _p, form) => {
    const wanted = form.payment?.payment_intent;
    const data = invoicePayments
      .filter((p) => p.paymentIntent === wanted)
      .map((p) => ({
        id: newId('inpay'),
        object: 'invoice_payment',
        invoice: p.invoice,
        is_default: true,
        payment: { type: 'payment_intent', payment_intent: p.paymentIntent },
        status: 'paid',
      }));
    return answer(req, list('/v1/invoice_payments', data));
  });

  await http.start();
  fake.url = http.url;
  return fake;
}
