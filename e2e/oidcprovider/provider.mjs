// provider.mjs runs panva's oidc-provider as the identity broker of schakel's
// browser tests (decision 0033). The Go tests start it with one argument, a
// JSON file:
//
//   {
//     "port": 0,                       // 0: any free port
//     "idTokenClaims": false,          // true: name, e-mail... in the ID token too
//     "clients": [{"client_id": "...", "client_secret": "...",
//                  "redirect_uris": [...], "post_logout_redirect_uris": [...],
//                  "backchannel_logout_uri": "..."}],
//     "accounts": [{"login": "...", "password": "...", "sub": "...",
//                   "acr": "...", "acrs": ["..."],
//                   "claims": {"name": "...", ...}}]
//   }
//
// It listens on 127.0.0.1 only and prints one line to stdout once it
// listens: {"issuer": "http://127.0.0.1:PORT"}. Everything else it says goes
// to stderr, which the tests keep for their failure messages. It stops on
// SIGTERM or SIGINT, or when stdin closes (the test binary died).
//
// The login form is its own (no dev interactions), so that each account
// logs in with a password and gets the acr written next to it (or, when
// the client asks for one of the account's "acrs" with acr_values, that
// one; see acrFor); consent is
// given at once, as a broker does for a registered government client.

import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';

import Provider, { interactionPolicy } from 'oidc-provider';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const accounts = new Map((config.accounts || []).map((a) => [a.login, a]));
const bySub = new Map((config.accounts || []).map((a) => [a.sub, a]));
const acrValues = [...new Set((config.accounts || []).flatMap((a) => [a.acr, ...(a.acrs || [])]).filter(Boolean))];

// acrFor is the acr a login of account gets: the first acr the client asked
// for (acr_values) that the account can reach with one of its means (acrs),
// or else its own acr, as a broker that offers a stronger means on request.
function acrFor(account, requested) {
  const wanted = String(requested || '').split(' ').filter(Boolean);
  const reachable = account.acrs || [];
  return wanted.find((a) => reachable.includes(a)) || account.acr;
}

// policy is the provider's own interaction policy plus one check: a login
// asks for the password again when the client asks for an acr the current
// session lacks but the account can reach (a step-up).
function policy() {
  const { Check, base } = interactionPolicy;
  const p = base();
  p.get('login').checks.add(new Check('acr_step_up', 'a higher level of assurance is asked for', (ctx) => {
    const { oidc } = ctx;
    const account = oidc.session?.accountId && bySub.get(oidc.session.accountId);
    if (!account || !oidc.params.acr_values) return Check.NO_NEED_TO_PROMPT;
    const wanted = acrFor(account, oidc.params.acr_values);
    return wanted && wanted !== oidc.acr ? Check.REQUEST_PROMPT : Check.NO_NEED_TO_PROMPT;
  }));
  return p;
}

function escape(s) {
  return String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title, body) {
  return `<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>${escape(title)}</title>`
    + `<meta name="viewport" content="width=device-width, initial-scale=1"></head>`
    + `<body><main><h1>${escape(title)}</h1>${body}</main></body></html>`;
}

function loginForm(uid, problem) {
  return page('Inloggen bij de testbroker', `${problem ? `<p id="op-problem" role="alert">${escape(problem)}</p>` : ''}`
    + `<form id="op-login" method="post" action="/interaction/${escape(uid)}/login">`
    + '<p><label for="op-user">Gebruikersnaam</label> <input id="op-user" name="login" autocomplete="username"></p>'
    + '<p><label for="op-password">Wachtwoord</label> <input id="op-password" name="password" type="password" autocomplete="current-password"></p>'
    + '<p><button id="op-submit" type="submit">Inloggen</button></p></form>');
}

const provider = await (async () => {
  const server = createServer();
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port || 0, '127.0.0.1', resolve);
  });
  const issuer = `http://127.0.0.1:${server.address().port}`;

  const p = new Provider(issuer, {
    clients: config.clients.map((c) => ({
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: c.client_secret ? 'client_secret_basic' : 'none',
      backchannel_logout_session_required: Boolean(c.backchannel_logout_uri),
      ...c,
    })),
    // Test keys, new at every start: nothing here protects anything real.
    cookies: { keys: [randomBytes(32).toString('hex')] },
    // acr under openid: every ID token names its level, as the brokers'
    // do, also when the client asked for none.
    claims: {
      auth_time: null,
      iss: null,
      sid: null,
      openid: ['sub', 'acr'],
      profile: ['name', 'organisatie', 'groepen'],
      email: ['email', 'email_verified'],
    },
    scopes: ['openid', 'profile', 'email'],
    acrValues,
    conformIdTokenClaims: !config.idTokenClaims,
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.body = page('Uitloggen bij de testbroker', `${form}`
            + '<p><button id="op-logout-yes" type="submit" form="op.logoutForm" name="logout" value="yes">Ja, uitloggen</button> '
            + '<button id="op-logout-no" type="submit" form="op.logoutForm">Nee</button></p>');
        },
        postLogoutSuccessSource: async (ctx) => {
          ctx.body = page('Uitgelogd bij de testbroker', '<p id="op-logged-out">U bent uitgelogd.</p>');
        },
      },
      backchannelLogout: { enabled: true },
      userinfo: { enabled: true },
    },
    interactions: {
      policy: policy(),
      url: async (ctx, interaction) => `/interaction/${interaction.uid}`,
    },
    async findAccount(ctx, sub) {
      const account = bySub.get(sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        async claims() {
          return { sub, ...account.claims };
        },
      };
    },
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = page('Fout bij de testbroker', `<pre id="op-error">${escape(out.error)}: ${escape(out.error_description || '')}</pre>`);
    },
  });

  p.on('server_error', (ctx, err) => console.error('server_error', err));
  p.on('backchannel.error', (ctx, err, client) => console.error('backchannel.error', client.clientId, err.message));
  p.on('backchannel.success', (ctx, client) => console.error('backchannel.success', client.clientId));
  p.on('end_session.success', () => console.error('end_session.success'));
  p.on('authorization.error', (ctx, err) => console.error('authorization.error', err.message, err.error_description || ''));
  p.on('grant.error', (ctx, err) => console.error('grant.error', err.message, err.error_description || ''));
  p.on('userinfo.error', (ctx, err) => console.error('userinfo.error', err.message));

  const handle = p.callback();
  server.on('request', (req, res) => {
    interactions(p, req, res).then((done) => {
      if (!done) handle(req, res);
    }).catch((err) => {
      console.error('interaction failed', err);
      if (!res.headersSent) {
        res.statusCode = err.statusCode || err.status || 500;
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.end(page('Fout bij de testbroker', `<pre id="op-error">${escape(err.message)}</pre>`));
      }
    });
  });
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdin.on('end', stop);
  process.stdin.resume();
  return p;
})();

// readForm reads an application/x-www-form-urlencoded body.
async function readForm(req) {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 64 << 10) throw new Error('form too large');
  }
  return new URLSearchParams(body);
}

// interactions answers the login form and gives consent; it returns false
// for every other request, which the provider itself answers.
async function interactions(p, req, res) {
  const url = new URL(req.url, 'http://x');
  const m = url.pathname.match(/^\/interaction\/([^/]+)(\/login)?$/);
  if (!m) return false;
  res.setHeader('cache-control', 'no-store');
  const details = await p.interactionDetails(req, res);
  const { uid, prompt, params } = details;

  if (req.method === 'POST' && m[2]) {
    if (prompt.name !== 'login') throw Object.assign(new Error('no login asked'), { status: 400 });
    const form = await readForm(req);
    const account = accounts.get(form.get('login') || '');
    if (!account || account.password !== form.get('password')) {
      res.statusCode = 200;
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(loginForm(uid, 'Gebruikersnaam of wachtwoord klopt niet.'));
      return true;
    }
    const login = { accountId: account.sub, remember: false };
    const acr = acrFor(account, params.acr_values);
    if (acr) login.acr = acr;
    await p.interactionFinished(req, res, { login }, { mergeWithLastSubmission: false });
    return true;
  }
  if (req.method !== 'GET' || m[2]) throw Object.assign(new Error('method not allowed'), { status: 405 });

  if (prompt.name === 'login') {
    res.statusCode = 200;
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(loginForm(uid));
    return true;
  }
  if (prompt.name === 'consent') {
    const grant = details.grantId
      ? await p.Grant.find(details.grantId)
      : new p.Grant({ accountId: details.session.accountId, clientId: params.client_id });
    if (prompt.details.missingOIDCScope) grant.addOIDCScope(prompt.details.missingOIDCScope.join(' '));
    if (prompt.details.missingOIDCClaims) grant.addOIDCClaims(prompt.details.missingOIDCClaims);
    const grantId = await grant.save();
    const consent = details.grantId ? {} : { grantId };
    await p.interactionFinished(req, res, { consent }, { mergeWithLastSubmission: true });
    return true;
  }
  throw Object.assign(new Error(`unknown prompt ${prompt.name}`), { status: 400 });
}

void provider;
